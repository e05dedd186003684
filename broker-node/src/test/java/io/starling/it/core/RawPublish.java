package io.starling.it.core;

import java.nio.charset.StandardCharsets;

/** A PUBLISH packet received by a {@link RawClient}, with the header flags a library would hide. */
record RawPublish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
