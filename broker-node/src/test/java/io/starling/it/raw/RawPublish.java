package io.starling.it.raw;

import java.nio.charset.StandardCharsets;

/** A PUBLISH packet received by a {@link RawClient}, with the header flags a library would hide. */
public record RawPublish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
