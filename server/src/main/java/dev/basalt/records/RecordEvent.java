package dev.basalt.records;

/** A committed change of one record, published after its transaction commits. */
public record RecordEvent(Action action, Record record) {

    public enum Action {
        CREATE, UPDATE, DELETE;

        /** The wire name realtime uses ({@code create}, {@code update}, {@code delete}). */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
