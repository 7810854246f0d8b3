package dev.basalt.http;

import dev.basalt.error.ApiException;
import dev.basalt.jobs.Cron;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The Crons API (API.md §8.4), superusers only: list the registered jobs and run one now, on this
 * node, without waiting for it.
 */
final class CronsApi {

    private final Cron cron;

    CronsApi(Cron cron) {
        this.cron = cron;
    }

    void routes(RoutesConfig r) {
        r.get("/api/crons", this::list);
        r.post("/api/crons/{id}", this::run);
    }

    private void list(Context ctx) {
        AuthGuards.requireSuperuserAuth(ctx);
        Responses.json(ctx, cron.jobs());
    }

    private void run(Context ctx) {
        AuthGuards.requireSuperuserAuth(ctx);
        if (!cron.run(ctx.pathParam("id"))) {
            throw ApiException.notFound("Missing or invalid cron job.");
        }
        Responses.noContent(ctx);
    }
}
