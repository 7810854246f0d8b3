package dev.basalt.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basalt.auth.AuthFlow;
import dev.basalt.records.Record;
import dev.basalt.records.RequestInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The account endpoints of auth collections that work by email: verification, password reset,
 * email change and one-time passwords.
 */
final class AccountApi {

    private final AccountServices flows;
    private final AuthFlow authFlow;
    private final AuthApi auth;

    AccountApi(AccountServices flows, AuthFlow authFlow, AuthApi auth) {
        this.flows = flows;
        this.authFlow = authFlow;
        this.auth = auth;
    }

    void routes(RoutesConfig r) {
        r.post("/api/collections/{collection}/request-verification", this::requestVerification);
        r.post("/api/collections/{collection}/confirm-verification", this::confirmVerification);
        r.post("/api/collections/{collection}/request-password-reset", this::requestPasswordReset);
        r.post("/api/collections/{collection}/confirm-password-reset", this::confirmPasswordReset);
        r.post("/api/collections/{collection}/request-email-change", this::requestEmailChange);
        r.post("/api/collections/{collection}/confirm-email-change", this::confirmEmailChange);
        r.post("/api/collections/{collection}/request-otp", this::requestOtp);
        r.post("/api/collections/{collection}/auth-with-otp", this::authWithOtp);
    }

    private void requestVerification(Context ctx) {
        flows.verification().request(ctx.pathParam("collection"), text(Bodies.json(ctx), "email"));
        Responses.noContent(ctx);
    }

    private void confirmVerification(Context ctx) {
        flows.verification().confirm(ctx.pathParam("collection"), text(Bodies.json(ctx), "token"));
        Responses.noContent(ctx);
    }

    private void requestPasswordReset(Context ctx) {
        flows.passwordReset().request(ctx.pathParam("collection"), text(Bodies.json(ctx), "email"));
        Responses.noContent(ctx);
    }

    private void confirmPasswordReset(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        flows.passwordReset().confirm(ctx.pathParam("collection"), text(body, "token"), text(body, "password"),
                text(body, "passwordConfirm"));
        Responses.noContent(ctx);
    }

    private void requestEmailChange(Context ctx) {
        flows.emailChange().request(ctx.pathParam("collection"), Requests.auth(ctx), text(Bodies.json(ctx), "newEmail"));
        Responses.noContent(ctx);
    }

    private void confirmEmailChange(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        flows.emailChange().confirm(ctx.pathParam("collection"), text(body, "token"), text(body, "password"));
        Responses.noContent(ctx);
    }

    private void requestOtp(Context ctx) {
        String otpId = flows.otp().request(ctx.pathParam("collection"), text(Bodies.json(ctx), "email"));
        Responses.json(ctx, Map.of("otpId", otpId));
    }

    private void authWithOtp(Context ctx) {
        JsonNode body = Bodies.json(ctx);
        Record record = flows.otp().authenticate(ctx.pathParam("collection"), text(body, "otpId"), text(body, "password"));
        RequestInfo info = Requests.requestInfo(ctx).withContext("otp");
        auth.respondToSignIn(ctx, authFlow.complete(record, "otp", AuthApi.mfaId(ctx, body), info), info);
    }


    private static String text(JsonNode body, String key) {
        JsonNode v = body.path(key);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }
}
