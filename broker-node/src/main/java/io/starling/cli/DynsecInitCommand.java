package io.starling.cli;

import io.starling.auth.dynsec.DynsecInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code starling-ctrl dynsec init FILE ADMIN [PASSWORD]}: writes a new dynamic-security file whose
 * only client is an administrator of dynamic security, as {@code mosquitto_ctrl dynsec init}
 * writes it (same content, messages and exit statuses). No broker is contacted; the file is then
 * named by {@code plugin_opt_config_file}.
 */
final class DynsecInitCommand {

    private DynsecInitCommand() {
    }

    static int run(List<String> args, CtrlStreams io) {
        if (args.size() < 2 || args.size() > 3) {
            io.err().println("dynsec init: Not enough arguments - filename, or admin-user missing.");
            io.err().println("Error: Invalid function arguments provided.");
            return 3;
        }
        Path file = Path.of(args.get(0));
        String admin = args.get(1);
        if (Files.exists(file)) {
            io.err().println("dynsec init: '" + file
                    + "' already exists. Remove the file or use a different location..");
            return 0;
        }
        String password;
        if (args.size() == 3) {
            password = args.get(2);
        } else {
            try {
                password = DynsecRequest.askTwice(admin, new CtrlPasswordPrompt(io), false).orElseThrow();
            } catch (DynsecRefusal refusal) {
                refusal.errorLines().forEach(io.err()::println);
                return refusal.exitCode();
            }
        }
        try {
            Files.writeString(file, DynsecInit.initialFile(admin, password, new SecureRandom()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            io.err().println("dynsec init: Unable to open '" + file + "' for writing.");
            return 0;
        }
        io.out().print("""
                The client '%s' has been created in the file '%s'.
                This client is configured to allow you to administer the dynamic security plugin only.
                It does not have access to publish messages to normal topics.
                You should create your application clients to do that, for example:
                   mosquitto_ctrl <connect options> dynsec createClient <username>
                   mosquitto_ctrl <connect options> dynsec createRole <rolename>
                   mosquitto_ctrl <connect options> dynsec addRoleACL <rolename> publishClientSend my/topic [priority]
                   mosquitto_ctrl <connect options> dynsec addClientRole <username> <rolename> [priority]
                See https://mosquitto.org/documentation/dynamic-security/ for details of all commands.
                """.formatted(admin, file));
        return 0;
    }
}
