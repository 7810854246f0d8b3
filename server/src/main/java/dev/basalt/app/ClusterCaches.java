package dev.basalt.app;

import dev.basalt.collections.CollectionRegistry;
import dev.basalt.collections.CollectionService;
import dev.basalt.realtime.BusMessage;
import dev.basalt.realtime.EventBus;
import dev.basalt.settings.SettingsService;

/**
 * Keeps the caches of the nodes of a cluster in step: a change of the collection model or of the
 * settings committed on one node is published on the bus, and every node that receives it reloads
 * that cache from the database (the sender too, which is redundant but harmless).
 */
final class ClusterCaches {

    private ClusterCaches() {}

    static void share(EventBus bus, CollectionService collections, CollectionRegistry registry, SettingsService settings) {
        collections.onCommitted(() -> bus.publish(new BusMessage.CollectionsChanged()));
        settings.onCommitted(s -> bus.publish(new BusMessage.SettingsChanged()));
        // Reloaded on the bus's delivery thread, before the next message is handed out, so a record
        // change that follows a collection change finds the collection as changed.
        bus.subscribe(message -> {
            if (message instanceof BusMessage.CollectionsChanged) {
                registry.reload();
            } else if (message instanceof BusMessage.SettingsChanged) {
                settings.reload();
            }
        });
    }
}
