package dev.basalt.records;

/**
 * The typed input of a list call ({@code page}, {@code perPage}, {@code sort}, {@code filter},
 * {@code skipTotal}), normalised as PocketBase does: pages start at 1, {@code perPage} defaults to
 * 30 and is capped at 1000.
 */
public record ListRequest(int page, int perPage, String sort, String filter, boolean skipTotal) {

    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 1000;

    public ListRequest {
        page = Math.max(page, 1);
        perPage = perPage <= 0 ? DEFAULT_PER_PAGE : Math.min(perPage, MAX_PER_PAGE);
        sort = sort == null ? "" : sort;
        filter = filter == null ? "" : filter;
    }

    /** The first page with default size, no filter and no sort. */
    public static ListRequest firstPage() {
        return new ListRequest(1, DEFAULT_PER_PAGE, "", "", false);
    }
}
