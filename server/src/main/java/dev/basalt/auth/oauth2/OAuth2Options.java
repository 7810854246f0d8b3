package dev.basalt.auth.oauth2;

import dev.basalt.collections.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A collection's {@code oauth2} option.
 *
 * @param mappedFields the record field each provider-user part is written to on sign-up, by part
 *                     name ({@code id}, {@code name}, {@code username}, {@code avatarURL}); blank
 *                     values map nothing
 */
public record OAuth2Options(boolean enabled, Map<String, String> mappedFields, List<ProviderConfig> providers) {

    public OAuth2Options {
        mappedFields = Map.copyOf(mappedFields);
        providers = List.copyOf(providers);
    }

    public static OAuth2Options of(Collection c) {
        if (!(c.options().get("oauth2") instanceof Map<?, ?> oauth2)) {
            return new OAuth2Options(false, Map.of(), List.of());
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        if (oauth2.get("mappedFields") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null && !v.toString().isBlank()) {
                    mapped.put(k.toString(), v.toString());
                }
            });
        }
        List<ProviderConfig> providers = new ArrayList<>();
        if (oauth2.get("providers") instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> option) {
                    providers.add(ProviderConfig.of(option));
                }
            }
        }
        return new OAuth2Options(Boolean.TRUE.equals(oauth2.get("enabled")), mapped, providers);
    }

    /** The provider of that name when it is configured on the collection and Basalt knows it. */
    public Optional<ProviderConfig> provider(String name) {
        return providers.stream()
                .filter(p -> p.name().equals(name) && WellKnownProviders.find(name).isPresent())
                .findFirst();
    }
}
