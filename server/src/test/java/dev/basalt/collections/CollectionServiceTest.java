package dev.basalt.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.testing.TestServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CollectionServiceTest {

    static TestServer server;
    static CollectionService service;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        RuleCheck check = (collection, expression, collections) -> expression.contains("unknown")
                ? Optional.of("unknown field in " + collection.name()) : Optional.empty();
        service = new CollectionService(server.basalt().database(), new CollectionRegistry(server.basalt().database()),
                check);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rulesAreCheckedThroughTheRuleCheck() {
        assertThatThrownBy(() -> service.create(SchemaSyncTest.json(
                "{\"name\":\"ruled\",\"listRule\":\"unknown = 1\",\"viewRule\":\"\",\"createRule\":\"id != ''\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.data()).containsOnlyKeys("listRule");
                    assertThat(((FieldError) e.data().get("listRule")).code()).isEqualTo("validation_invalid_rule");
                    assertThat(((FieldError) e.data().get("listRule")).message()).contains("unknown field in ruled");
                });
    }

    @Test
    void authOptionRulesAreCheckedToo() {
        assertThatThrownBy(() -> service.create(SchemaSyncTest.json(
                "{\"name\":\"ruled_auth\",\"type\":\"auth\",\"authRule\":\"unknown\",\"manageRule\":\"unknown\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.data()).containsKeys("authRule", "manageRule"));
    }

    @Test
    void theListFilterSelectsByTheCollectionColumns() {
        service.create(SchemaSyncTest.json("{\"name\":\"filtered\"}"));
        CollectionPage page = service.list(new CollectionQuery(1, 30, false, "name = 'filtered' && system = false", ""));
        assertThat(page.items()).extracting(Collection::name).containsExactly("filtered");
        assertThat(page.totalItems()).isEqualTo(1);
    }

    @Test
    void aFilterOnAnythingButTheCollectionColumnsIsA400() {
        for (String filter : new String[] {"fields = 'x'", "name = ", "listRule ~ 'a'", " "}) {
            assertThatThrownBy(() -> service.list(new CollectionQuery(1, 30, false, filter, "")))
                    .as(filter)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void changingTheAuthRuleRegeneratesTheAuthTokenSecret() {
        Collection created = service.create(SchemaSyncTest.json("{\"name\":\"secretive\",\"type\":\"auth\"}"));
        Collection same = service.update("secretive", SchemaSyncTest.json("{\"listRule\":\"\"}"));
        Collection changed = service.update("secretive", SchemaSyncTest.json("{\"authRule\":\"verified = true\"}"));
        assertThat(secret(same)).isEqualTo(secret(created));
        assertThat(secret(changed)).isNotEqualTo(secret(created));
        assertThat((String) secret(changed)).hasSize(50);
    }

    @Test
    void aSubmittedTokenDurationKeepsTheStoredSecret() {
        Collection created = service.create(SchemaSyncTest.json("{\"name\":\"durable\",\"type\":\"auth\"}"));
        Collection updated = service.update("durable", SchemaSyncTest.json("{\"authToken\":{\"duration\":3600}}"));
        assertThat(secret(updated)).isEqualTo(secret(created));
        assertThat(((Map<?, ?>) updated.options().get("authToken")).get("duration")).isEqualTo(3600);
    }

    @Test
    void newCollectionIdsGetASuffixWhenTaken() {
        Collection first = service.create(SchemaSyncTest.json("{\"name\":\"twin\"}"));
        service.update("twin", SchemaSyncTest.json("{\"name\":\"twin_renamed\"}"));
        Collection second = service.create(SchemaSyncTest.json("{\"name\":\"twin\"}"));
        assertThat(second.id()).isEqualTo(first.id() + "2");
    }

    private static Object secret(Collection c) {
        return ((Map<?, ?>) c.options().get("authToken")).get("secret");
    }
}
