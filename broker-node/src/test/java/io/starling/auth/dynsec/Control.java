package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Test helper: sends command payloads to the model and keeps the state between them. */
final class Control {

    static final ObjectMapper MAPPER = new ObjectMapper();

    DynsecState state;
    CommandOutcome last;

    Control(DynsecState state) {
        this.state = state;
    }

    Control() {
        this(DynsecState.EMPTY);
    }

    /** Sends {@code {"commands":[...]}} built from the given command objects (JSON text). */
    JsonNode send(String... commands) {
        return raw("{\"commands\":[" + String.join(",", commands) + "]}");
    }

    JsonNode raw(String payload) {
        last = DynsecCommands.apply(state, payload.getBytes(StandardCharsets.UTF_8), new SecureRandom());
        state = last.state();
        try {
            return MAPPER.readTree(last.response()).get("responses");
        } catch (Exception e) {
            throw new AssertionError("the response is not JSON: " + last.response(), e);
        }
    }

    /** The single response of one command. */
    JsonNode one(String command) {
        return send(command).get(0);
    }

    /** The error of one command, or null on success. */
    String error(String command) {
        JsonNode r = one(command);
        return r.has("error") ? r.get("error").asText() : null;
    }
}
