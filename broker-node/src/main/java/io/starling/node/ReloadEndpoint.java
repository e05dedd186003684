package io.starling.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.publish.ControlEndpoints;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starling's own control API, {@code $CONTROL/starling/v1}, in the request/response shape of
 * Mosquitto's dynamic-security API: {@code {"commands":[{"command":"reload"}]}} re-reads the
 * password, ACL and TLS files as SIGHUP does (in a cluster, on every node); the answer lists each command with an
 * {@code error} when something was refused. {@code bin/starling-ctrl reload} sends it.
 */
final class ReloadEndpoint implements ControlEndpoints.Endpoint {

    static final String TOPIC = ControlEndpoints.PREFIX + "starling/v1";

    private static final Logger log = LoggerFactory.getLogger(ReloadEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reloads (this node, or every node of the cluster) and completes with what was refused (empty: all applied). */
    private final Supplier<CompletionStage<List<String>>> reload;

    ReloadEndpoint(Supplier<CompletionStage<List<String>>> reload) {
        this.reload = reload;
    }

    @Override
    public CompletionStage<byte[]> handle(ControlEndpoints.ControlRequest request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode responses = answer.putArray("responses");
        JsonNode commands;
        try {
            commands = JSON.readTree(request.payload()).path("commands");
        } catch (IOException e) {
            commands = null;
        }
        if (commands == null || !commands.isArray()) {
            responses.addObject().put("command", "Unknown command").put("error", "Payload not valid JSON");
            return CompletableFuture.completedFuture(bytes(answer));
        }
        // the commands run one after the other, each once the one before has answered
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        for (JsonNode command : commands) {
            String name = command.path("command").asText("");
            ObjectNode response = responses.addObject().put("command", name);
            if (command.has("correlationData")) {
                response.set("correlationData", command.get("correlationData"));
            }
            if (!name.equals("reload")) {
                response.put("error", "Unknown command");
                continue;
            }
            done = done.thenCompose(previous -> {
                log.info("Reload asked for by client {} ({}).", request.clientId(), request.username());
                return reload.get().thenAccept(refused -> {
                    if (!refused.isEmpty()) {
                        response.put("error", String.join("; ", refused));
                    }
                });
            });
        }
        return done.thenApply(finished -> bytes(answer));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
