package dev.basalt.query;

import java.util.ArrayList;
import java.util.List;

/** The {@code sort} parameter: {@code -created,+title,@random}. */
public final class Sort {

    public static final int MAX_ITEMS = 8;
    public static final int MAX_ITEM_LENGTH = 255;
    public static final String RANDOM = "@random";
    public static final String ROWID = "@rowid";

    /** One sort expression: a field path (or {@code @random}/{@code @rowid}) and its direction. */
    public record Item(String name, boolean descending) {}

    private Sort() {}

    /**
     * @return the items in order; empty for blank text
     * @throws FilterException for more than {@value #MAX_ITEMS} items, an item longer than
     *                         {@value #MAX_ITEM_LENGTH} characters or an empty item
     */
    public static List<Item> parse(String text) {
        List<Item> items = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return items;
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_ITEMS) {
            throw new FilterException("too many sort expressions (the maximum is " + MAX_ITEMS + ")");
        }
        for (String part : parts) {
            String item = part.strip();
            if (item.length() > MAX_ITEM_LENGTH) {
                throw new FilterException("sort expression longer than " + MAX_ITEM_LENGTH + " characters");
            }
            boolean desc = item.startsWith("-");
            if (desc || item.startsWith("+")) {
                item = item.substring(1);
            }
            if (item.isEmpty()) {
                throw new FilterException("empty sort expression");
            }
            items.add(new Item(item, desc));
        }
        return items;
    }
}
