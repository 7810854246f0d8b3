package dev.basalt.collections.fields;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Uploaded file names; the files themselves live in the file store. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "name", "system", "hidden", "presentable"})
public record FileField(
        String id,
        String name,
        boolean system,
        boolean hidden,
        boolean presentable,
        boolean required,
        String help,
        long maxSize,
        int maxSelect,
        List<String> mimeTypes,
        List<String> thumbs,
        @JsonProperty("protected") boolean isProtected) implements Field {

    public FileField {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        help = help == null ? "" : help;
        mimeTypes = mimeTypes == null ? List.of() : List.copyOf(mimeTypes);
        thumbs = thumbs == null ? List.of() : List.copyOf(thumbs);
    }

    @Override
    public FileField withName(String name) {
        return new FileField(id, name, system, hidden, presentable, required, help, maxSize, maxSelect, mimeTypes, thumbs, isProtected);
    }

    @Override
    public FileField withId(String id) {
        return new FileField(id, name, system, hidden, presentable, required, help, maxSize, maxSelect, mimeTypes, thumbs, isProtected);
    }
}
