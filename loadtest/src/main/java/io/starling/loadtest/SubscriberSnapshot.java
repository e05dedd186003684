package io.starling.loadtest;

/** A copy of what one subscriber has received, taken on its event loop. */
record SubscriberSnapshot(ReceiveTally tally, LatencyHistogram latency, long foreign) {
}
