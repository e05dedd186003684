package io.starling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * {@code starling-ctrl reload}: the node re-reads its password, ACL and TLS files, as on SIGHUP,
 * through Starling's control API ({@code $CONTROL/starling/v1}). Prints nothing and exits 0 when
 * everything was applied; prints what was refused (file:line: reason) and exits 1 otherwise.
 */
final class ReloadCommand implements CtrlCommand {

    static final String TOPIC = "$CONTROL/starling/v1";
    private static final String REQUEST = "{\"commands\":[{\"command\":\"reload\"}]}";

    @Override
    public int run(CtrlOptions options, List<String> words, CtrlStreams io) throws CtrlFailure {
        if (!words.isEmpty()) {
            throw new CtrlFailure("reload takes no arguments");
        }
        String answer = ControlExchange.request(options, TOPIC, REQUEST);
        JsonNode response;
        try {
            response = new ObjectMapper().readTree(answer).path("responses").path(0);
        } catch (IOException e) {
            throw new CtrlFailure("the broker's answer is not JSON: " + answer);
        }
        if (response.has("error")) {
            io.err().println("Error: reload refused: " + response.get("error").asText());
            return 1;
        }
        return 0;
    }
}
