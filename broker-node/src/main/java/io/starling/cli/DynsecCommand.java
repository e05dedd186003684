package io.starling.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.util.List;

/**
 * {@code starling-ctrl dynsec COMMAND ...}: mosquitto_ctrl's dynsec commands. Each sends one
 * command to the dynamic-security plugin on {@code $CONTROL/dynamic-security/v1}, waits for its
 * answer on {@code .../response}, and prints what mosquitto_ctrl 2.0.11 prints, with its exit
 * statuses, so scripts written for mosquitto_ctrl work unchanged.
 */
final class DynsecCommand implements CtrlCommand {

    static final String TOPIC = "$CONTROL/dynamic-security/v1";
    /** mosquitto_ctrl's status when the system refused the connection (MOSQ_ERR_ERRNO). */
    static final int ERRNO = 14;
    /** mosquitto_ctrl's warning, word for word but for the tool's name: starling-ctrl has no TLS. */
    private static final String CLEARTEXT_WARNING = """
            Warning: You are running starling-ctrl without encryption.
            This means all of the configuration changes you are making are visible on the network, including passwords.
            """;

    @Override
    public int run(CtrlOptions options, List<String> words, CtrlStreams io) throws CtrlFailure {
        if (words.isEmpty()) {
            io.out().print(CtrlOptions.usage());
            return 1;
        }
        if (words.get(0).equals("init")) {
            return DynsecInitCommand.run(words.subList(1, words.size()), io); // a file, no broker
        }
        if (words.get(0).equals("help")) {
            io.out().print(DynsecHelp.TEXT);
            return 0;
        }
        ObjectNode command;
        try {
            command = DynsecRequest.build(words.get(0), words.subList(1, words.size()), new CtrlPasswordPrompt(io));
        } catch (DynsecRefusal refusal) {
            io.out().flush();
            refusal.errorLines().forEach(io.err()::println);
            return refusal.exitCode();
        }
        io.err().println(CLEARTEXT_WARNING);
        String answer;
        try {
            answer = ControlExchange.request(options, TOPIC, payload(command));
        } catch (RefusedConnection refused) {
            // mosquitto_ctrl reports a refused connection and still exits 0; scripts may rely on either
            io.err().println(ConnectRefusal.asMosquittoCtrl(refused.protocolLevel(), refused.code()));
            return 0;
        } catch (CtrlFailure failure) {
            if (failure.getCause() instanceof ConnectException e && "Connection refused".equals(e.getMessage())) {
                io.err().println("Error: Connection refused"); // mosquitto_ctrl's strerror(ECONNREFUSED)
                return ERRNO;
            }
            throw failure;
        }
        DynsecReply reply = DynsecReply.of(answer);
        reply.out().forEach(io.out()::println);
        io.out().flush();
        reply.err().forEach(io.err()::println);
        return 0;
    }

    /** The body published: the plugin takes a list of commands; mosquitto_ctrl sends one. */
    static String payload(ObjectNode command) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("commands").add(command);
        return body.toString();
    }
}
