/**
 * Realtime: SSE clients and their subscriptions ({@link dev.basalt.realtime.Broker}), the
 * {@link dev.basalt.realtime.EventBus} committed changes travel on (in-process, or PostgreSQL
 * {@code LISTEN/NOTIFY} between the nodes of a cluster), and the rule-checked fan-out of record
 * changes to subscribers. Uses records, collections, store and error; never http
 * (the HTTP layer supplies the transport and the record wire format through
 * {@link dev.basalt.realtime.Connection} and {@link dev.basalt.realtime.RecordRenderer}).
 */
package dev.basalt.realtime;
