package dev.basalt.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the system migrations that have not run yet, each in its own transaction. */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final String TABLE = "_migrations";
    // The advisory lock that serialises nodes starting at once ("basalt:migrations").
    private static final long LOCK = 0x62617361_6c746d67L;

    private Migrations() {}

    /** Applies what has not run yet; nodes of a cluster starting together apply each step once. */
    public static void run(Database db, List<Migration> steps) {
        db.exclusively(LOCK, () -> apply(db, steps));
    }

    private static void apply(Database db, List<Migration> steps) {
        db.transaction(tx -> {
            tx.dsl().createTableIfNotExists(name(TABLE))
                    .column(name("file"), SQLDataType.VARCHAR(255).nullable(false))
                    .column(name("applied"), SQLDataType.BIGINT.nullable(false))
                    .primaryKey(name("file"))
                    .execute();
        });
        Set<String> applied = new HashSet<>(db.read(dsl ->
                dsl.select(field(name("file"), String.class)).from(table(name(TABLE))).fetch().getValues(0, String.class)));
        for (Migration step : steps) {
            if (applied.contains(step.id())) {
                continue;
            }
            db.transaction(tx -> {
                step.apply(tx);
                tx.dsl().insertInto(table(name(TABLE)), field(name("file")), field(name("applied")))
                        .values(step.id(), Instant.now().toEpochMilli())
                        .execute();
            });
            log.info("migration applied id={}", step.id());
        }
    }
}
