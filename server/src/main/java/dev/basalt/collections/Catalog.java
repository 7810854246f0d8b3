package dev.basalt.collections;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The collections a validation sees: the committed ones read inside the writing transaction,
 * overlaid with the ones staged by the same import, plus the names of every table in the
 * database (a collection may not take the name of an internal table).
 */
record Catalog(List<Collection> collections, Set<String> tableNames) {

    Catalog {
        collections = List.copyOf(collections);
        tableNames = tableNames.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** By exact id first, then by name case-insensitively, as PocketBase looks collections up. */
    Optional<Collection> find(String idOrName) {
        for (Collection c : collections) {
            if (c.id().equals(idOrName)) {
                return Optional.of(c);
            }
        }
        for (Collection c : collections) {
            if (c.name().equalsIgnoreCase(idOrName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    boolean hasId(String id) {
        return collections.stream().anyMatch(c -> c.id().equals(id));
    }

    boolean hasTable(String name) {
        return tableNames.contains(name.toLowerCase(Locale.ROOT));
    }

    /** This catalog with one collection added or replaced (matched by id). */
    Catalog with(Collection c) {
        List<Collection> copy = new java.util.ArrayList<>(collections);
        copy.removeIf(x -> x.id().equals(c.id()));
        copy.add(c);
        return new Catalog(copy, tableNames);
    }

    /** This catalog without the collection of this id. */
    Catalog without(String id) {
        return new Catalog(collections.stream().filter(c -> !c.id().equals(id)).toList(), tableNames);
    }
}
