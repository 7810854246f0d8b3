package dev.basalt.auth.oauth2;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.AuthFlow;
import dev.basalt.auth.AuthOutcome;
import dev.basalt.auth.PasswordHasher;
import dev.basalt.collections.AuthSystemCollections;
import dev.basalt.collections.Collection;
import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.Ids;
import dev.basalt.collections.SystemCollections;
import dev.basalt.collections.Timestamps;
import dev.basalt.error.ApiException;
import dev.basalt.error.FieldError;
import dev.basalt.records.Record;
import dev.basalt.records.RecordRepository;
import dev.basalt.records.RecordService;
import dev.basalt.records.RequestInfo;
import dev.basalt.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 sign-in ({@code auth-with-oauth2}) and the provider list of {@code auth-methods}: the
 * code is exchanged with the provider, the provider user resolved to a record (an existing link,
 * the signed-in record, a record with the same verified email, or a new record created through
 * {@link RecordService#create}) and the missing {@code _externalAuths} link created.
 */
public final class OAuth2Auth {

    private static final Logger log = LoggerFactory.getLogger(OAuth2Auth.class);

    public static final String CONTEXT = "oauth2";
    static final String LOAD_FAILED = "An error occurred while loading the submitted data.";

    private final Database db;
    private final CollectionRegistry registry;
    private final RecordService records;
    private final AuthFlow authFlow;
    private final PasswordHasher hasher;
    private final OAuth2Client client = new OAuth2Client();
    private final RecordRepository repository = new RecordRepository();

    public OAuth2Auth(Database db, CollectionRegistry registry, RecordService records, AuthFlow authFlow,
            PasswordHasher hasher) {
        this.db = db;
        this.registry = registry;
        this.records = records;
        this.authFlow = authFlow;
        this.hasher = hasher;
    }

    /**
     * The collection's enabled providers as {@code auth-methods} lists them, each with a fresh
     * state and PKCE pair; empty when OAuth2 is disabled.
     */
    public List<AuthMethodProvider> providers(Collection c) {
        OAuth2Options options = OAuth2Options.of(c);
        List<AuthMethodProvider> out = new ArrayList<>();
        if (!options.enabled()) {
            return out;
        }
        for (ProviderConfig config : options.providers()) {
            Optional<OAuth2Provider> known = WellKnownProviders.find(config.name());
            if (known.isEmpty()) {
                continue;
            }
            OAuth2Provider provider = known.get().configuredBy(config);
            String state = Ids.randomSecret(30);
            String verifier = Ids.randomSecret(43);
            String challenge = challenge(verifier);
            out.add(new AuthMethodProvider(provider.name(), provider.displayName(), state,
                    authURL(provider, config, state, challenge), verifier, challenge, "S256", Logos.of(provider)));
        }
        return out;
    }

    /** Signs in with an authorization code; see the class comment for how the record is found. */
    public AuthOutcome authenticate(String collectionIdOrName, OAuth2Request request, String mfaId, RequestInfo info) {
        Collection c = registry.find(collectionIdOrName).filter(Collection::isAuth)
                .orElseThrow(() -> ApiException.notFound("Missing or invalid auth collection context."));
        OAuth2Options options = OAuth2Options.of(c);
        if (!options.enabled()) {
            throw ApiException.forbidden("The collection is not configured to allow OAuth2 authentication.");
        }
        ProviderConfig config = validate(options, request);
        OAuth2Provider provider = WellKnownProviders.find(config.name()).orElseThrow().configuredBy(config);
        OAuth2User user = fetchUser(provider, config, request);
        RequestInfo oauth2Info = info.withContext(CONTEXT);
        Resolved resolved = db.transaction(tx -> {
            return resolve(tx.dsl(), c, options, config.name(), user, request, oauth2Info);
        });
        return complete(resolved.record(), user, resolved.isNew(), mfaId, oauth2Info);
    }

    private record Resolved(Record record, boolean isNew) {}

    private ProviderConfig validate(OAuth2Options options, OAuth2Request request) {
        Map<String, Object> errors = new LinkedHashMap<>();
        Optional<ProviderConfig> config = options.provider(request.provider());
        if (request.provider().isEmpty()) {
            errors.put("provider", FieldError.required());
        } else if (config.isEmpty()) {
            errors.put("provider", new FieldError("validation_invalid_provider",
                    "Provider with name \"" + request.provider() + "\" is missing or is not enabled."));
        }
        if (request.code().isEmpty()) {
            errors.put("code", FieldError.required());
        }
        if (request.redirectURL().isEmpty()) {
            errors.put("redirectURL", FieldError.required());
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(LOAD_FAILED, errors);
        }
        return config.orElseThrow();
    }

    private OAuth2User fetchUser(OAuth2Provider provider, ProviderConfig config, OAuth2Request request) {
        OAuth2Client.Tokens t;
        try {
            t = client.exchange(provider, config, request.code(), request.codeVerifier(), request.redirectURL());
        } catch (OAuth2Client.ProviderException e) {
            log.info("oauth2 token exchange failed provider={} reason={}", provider.name(), e.getMessage());
            throw ApiException.badRequest("Failed to fetch OAuth2 token.");
        }
        JsonNode raw;
        try {
            raw = client.user(provider, config, t);
        } catch (OAuth2Client.ProviderException e) {
            log.info("oauth2 user fetch failed provider={} reason={}", provider.name(), e.getMessage());
            throw ApiException.badRequest("Failed to fetch OAuth2 user.");
        }
        OAuth2User u = provider.claims().read(raw);
        if (u.id().isEmpty()) {
            log.info("oauth2 user without id provider={}", provider.name());
            throw ApiException.badRequest("Failed to fetch OAuth2 user.");
        }
        return new OAuth2User(u.id(), u.name(), u.username(), u.email(), u.avatarURL(), t.accessToken(),
                t.refreshToken(), t.expiry(), raw);
    }

    private Resolved resolve(DSLContext dsl, Collection c, OAuth2Options options, String providerName, OAuth2User user,
            OAuth2Request request, RequestInfo info) {
        Collection links = registry.find(AuthSystemCollections.EXTERNAL_AUTHS).orElseThrow();
        Optional<Record> link = repository.findFirst(dsl, links, column(links, "collectionRef").eq(c.id())
                .and(column(links, "provider").eq(providerName))
                .and(column(links, "providerId").eq(user.id())));
        Record record;
        if (link.isPresent()) {
            record = repository.findById(dsl, c, link.get().getString("recordRef")).orElseThrow(ApiException::notFound);
        } else if (info.auth() != null && info.auth().collection().id().equals(c.id())) {
            record = info.auth();
        } else if (!user.email().isEmpty()) {
            record = repository.findFirst(dsl, c, lower(column(c, "email")).eq(user.email().toLowerCase(Locale.ROOT)))
                    .orElse(null);
        } else {
            record = null;
        }
        boolean isNew = record == null;
        record = isNew ? signUp(dsl, c, options, user, request, info) : refresh(dsl, links, record, user, info);
        if (link.isEmpty()) {
            String now = Timestamps.now();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", Ids.recordId());
            values.put("collectionRef", c.id());
            values.put("recordRef", record.id());
            values.put("provider", providerName);
            values.put("providerId", user.id());
            values.put("created", now);
            values.put("updated", now);
            repository.insert(dsl, new Record(links, values));
        }
        return new Resolved(record, isNew);
    }

    /** A new record from createData, the provider email and the mapped fields, through the create pipeline. */
    private Record signUp(DSLContext dsl, Collection c, OAuth2Options options, OAuth2User user, OAuth2Request request,
            RequestInfo info) {
        if (SystemCollections.SUPERUSERS.equals(c.name())) {
            // Superusers are never created from outside; the message stays the generic one.
            throw ApiException.badRequest("Failed to authenticate.");
        }
        Map<String, Object> payload = new LinkedHashMap<>(request.createData());
        payload.put("email", user.email());
        if (!(payload.get("password") instanceof String p) || p.isEmpty()) {
            String password = Ids.randomSecret(30);
            payload.put("password", password);
            payload.put("passwordConfirm", password);
        }
        mapInto(payload, c, options.mappedFields().get("id"), user.id());
        mapInto(payload, c, options.mappedFields().get("name"), user.name());
        mapInto(payload, c, options.mappedFields().get("username"), user.username());
        if (!user.avatarURL().isEmpty()) {
            // A file field would need the avatar downloaded; only text fields take the URL.
            String avatarField = options.mappedFields().get("avatarURL");
            if (avatarField != null && c.field(avatarField).filter(f -> f.type().equals("file")).isEmpty()) {
                mapInto(payload, c, avatarField, user.avatarURL());
            }
        }
        Record created = records.create(c.id(), payload, info);
        if (created.getString("email").equals(user.email()) && !Boolean.TRUE.equals(created.get("verified"))) {
            created = created.with("verified", true).with("updated", Timestamps.now());
            repository.update(dsl, created);
        }
        return created;
    }

    private static void mapInto(Map<String, Object> payload, Collection c, String field, String value) {
        if (field != null && !payload.containsKey(field) && c.field(field).isPresent()) {
            payload.put(field, value);
        }
    }

    /**
     * An existing record signing in. An unverified record not signed in by its owner may have been
     * registered by someone else with this email (pre-hijacking): it gets a random password and
     * loses its other provider links before the provider's proof of the email verifies it.
     */
    private Record refresh(DSLContext dsl, Collection links, Record record, OAuth2User user, RequestInfo info) {
        boolean signedIn = info.auth() != null && info.auth().id().equals(record.id())
                && info.auth().collection().id().equals(record.collection().id());
        boolean verified = Boolean.TRUE.equals(record.get("verified"));
        String email = record.getString("email");
        Record out = record;
        if (!signedIn && !email.isEmpty() && !verified) {
            out = out.with("password", hasher.hash(Ids.randomSecret(30), PasswordHasher.DEFAULT_COST))
                    .with("tokenKey", Ids.randomSecret(50));
            for (Record other : otherLinks(dsl, links, record)) {
                repository.delete(dsl, other);
            }
        }
        if (email.isEmpty() && !user.email().isEmpty()) {
            out = out.with("email", user.email());
            email = user.email();
        }
        if (!verified && (email.isEmpty() || email.equals(user.email()))) {
            out = out.with("verified", true);
        }
        if (out != record) {
            out = out.with("updated", Timestamps.now());
            repository.update(dsl, out);
        }
        return out;
    }

    private List<Record> otherLinks(DSLContext dsl, Collection links, Record record) {
        return dsl.selectFrom(RecordRepository.table(links))
                .where(column(links, "collectionRef").eq(record.collection().id())
                        .and(column(links, "recordRef").eq(record.id())))
                .fetch(row -> RecordRepository.toRecord(links, row.intoMap()));
    }

    /** The final step, shared with every auth flow: authRule, MFA, then the token and the meta. */
    private AuthOutcome complete(Record record, OAuth2User user, boolean isNew, String mfaId, RequestInfo info) {
        return authFlow.complete(record, CONTEXT, mfaId, info, meta(user, isNew));
    }

    static Map<String, Object> meta(OAuth2User user, boolean isNew) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", user.id());
        meta.put("name", user.name());
        meta.put("username", user.username());
        meta.put("email", user.email());
        meta.put("avatarURL", user.avatarURL());
        // PocketBase compat: the pre-v0.23 spelling is still sent.
        meta.put("avatarUrl", user.avatarURL());
        meta.put("accessToken", user.accessToken());
        meta.put("refreshToken", user.refreshToken());
        meta.put("expiry", user.expiry() == null ? "" : Timestamps.format(user.expiry()));
        meta.put("rawUser", user.rawUser());
        meta.put("isNew", isNew);
        return meta;
    }

    private static String authURL(OAuth2Provider provider, ProviderConfig config, String state, String challenge) {
        Map<String, String> params = new TreeMap<>(provider.authParams());
        params.put("client_id", config.clientId());
        params.put("response_type", "code");
        params.put("scope", String.join(" ", provider.scopes()));
        params.put("state", state);
        if (provider.pkce()) {
            params.put("code_challenge", challenge);
            params.put("code_challenge_method", "S256");
        }
        String base = provider.authURL();
        // PocketBase compat: the SDK appends its redirect URL to the empty redirect_uri at the end.
        return base + (base.contains("?") ? "&" : "?") + OAuth2Client.formEncode(params) + "&redirect_uri=";
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static org.jooq.Field<String> column(Collection c, String fieldName) {
        return field(name(c.name(), fieldName), String.class);
    }
}
