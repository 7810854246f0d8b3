package dev.basalt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.basalt.error.ApiException;
import dev.basalt.files.FileUpload;
import dev.basalt.records.RecordBatch;
import dev.basalt.records.RequestInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a batch body becomes sub-requests: file routing, actions, queries and headers. */
class BatchBodyTest {

    private static final FileUpload A = FileUpload.of("a.txt", "a".getBytes(StandardCharsets.UTF_8));
    private static final FileUpload B = FileUpload.of("b.txt", "b".getBytes(StandardCharsets.UTF_8));
    private static final FileUpload C = FileUpload.of("c.png", new byte[] {1});

    private static Map<String, Object> item(String method, String url, Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("url", url);
        m.put("body", body);
        return m;
    }

    @Test
    void filePartsGoToTheBodyOfTheSubRequestTheyName() {
        // The map MultipartBody gives for the JS SDK's form: @jsonPayload merged, file parts as lists.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", List.of(
                item("POST", "/api/collections/docs/records", Map.of("title", "one", "files", List.of("old.txt"))),
                item("PATCH", "/api/collections/docs/records/abc", Map.of("title", "two")),
                item("POST", "/api/collections/docs/records", Map.of())));
        body.put("requests.0.files", List.of(A, B));
        body.put("requests[1].files+", List.of("kept-name.txt", C));
        body.put("requests[0].files", List.of(C));
        body.put("requests.2.title", "a text part, not a file");
        body.put("requests.7.files", List.of(A));

        List<BatchSubRequest> requests = BatchBody.requests(body);

        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).body()).containsEntry("title", "one").containsEntry("files", List.of(A, B, C));
        assertThat(requests.get(1).body()).containsEntry("title", "two").containsEntry("files+", List.of(C));
        assertThat(requests.get(2).body()).isEmpty();
    }

    @Test
    void theActionFollowsMethodAndPath() {
        Map<String, Object> body = Map.of("id", "r1");
        assertThat(new BatchSubRequest("POST", "/api/collections/posts/records?expand=a", Map.of(), body).action())
                .isEqualTo(new RecordBatch.Action.Create("posts", body));
        assertThat(new BatchSubRequest("PUT", "/api/collections/posts/records", Map.of(), body).action())
                .isEqualTo(new RecordBatch.Action.Upsert("posts", body));
        assertThat(new BatchSubRequest("PATCH", "/api/collections/posts/records/r1?fields=id", Map.of(), body).action())
                .isEqualTo(new RecordBatch.Action.Update("posts", "r1", body));
        assertThat(new BatchSubRequest("DELETE", "/api/collections/posts/records/r1", Map.of(), Map.of()).action())
                .isEqualTo(new RecordBatch.Action.Delete("posts", "r1"));
        for (String[] other : new String[][] {
                {"GET", "/api/collections/posts/records"}, {"GET", "/api/health"},
                {"PATCH", "/api/collections/posts/records"}, {"POST", "/api/collections/posts/records/r1"},
                {"DELETE", "/api/collections/posts/records/r1/x"}, {"POST", "/api/collections//records"},
                {"POST", "http://example.com/api/collections/posts/records"}}) {
            assertThat(new BatchSubRequest(other[0], other[1], Map.of(), Map.of()).action())
                    .as("%s %s", other[0], other[1])
                    .isInstanceOf(RecordBatch.Action.Unsupported.class);
        }
    }

    @Test
    void theQueryIsDecodedFirstValueFirst() {
        BatchSubRequest r = new BatchSubRequest("POST",
                "/api/collections/p/records?fields=*,id:excerpt(4,true)&expand=a%2Cb&expand=c&flag&bad=%zz", Map.of(), Map.of());
        assertThat(r.query()).containsExactly(Map.entry("fields", "*,id:excerpt(4,true)"), Map.entry("expand", "a,b"),
                Map.entry("flag", ""));
    }

    @Test
    void subRequestHeadersOverrideAllButAuthorization() {
        RequestInfo outer = new RequestInfo(null, "POST", Map.of("x", "1"),
                Map.of("authorization", "outer-token", "x_a", "outer", "x_b", "outer"), Map.of(), RequestInfo.CONTEXT_DEFAULT);
        RequestInfo info = new BatchSubRequest("patch", "/api/collections/p/records/1?expand=e",
                Map.of("X-A", "inner", "Authorization", "inner-token"), Map.of()).info(outer);
        assertThat(info.headers()).containsEntry("x_a", "inner").containsEntry("x_b", "outer")
                .containsEntry("authorization", "outer-token");
        assertThat(info.method()).isEqualTo("PATCH");
        assertThat(info.query()).containsExactly(Map.entry("expand", "e"));
    }

    @Test
    void malformedShapesAreReadFailures() {
        for (Object requests : List.of("x", List.of("x"), List.of(Map.of("method", 1)), List.of(Map.of("headers", List.of())),
                List.of(Map.of("headers", Map.of("a", 1))), List.of(Map.of("body", "x")))) {
            assertThatThrownBy(() -> BatchBody.requests(Map.of("requests", requests)))
                    .as("%s", requests)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(BatchBody.READ_FAILED));
        }
    }
}
