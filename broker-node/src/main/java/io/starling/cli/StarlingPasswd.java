package io.starling.cli;

import io.starling.auth.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code bin/starling-passwd}: mosquitto_passwd for Starling. Same options, messages and exit
 * statuses, same file format, so either tool can edit a file the other wrote and both brokers
 * read it. Differences, each on the safe side: a new file is created readable by its owner only,
 * comments and blank lines are kept rather than refused, and {@code -U} leaves already hashed
 * passwords alone.
 */
public final class StarlingPasswd {

    /** mosquitto_passwd's status when the two passwords typed differ. */
    static final int MISMATCH_STATUS = 2;

    private StarlingPasswd() {
    }

    public static void main(String[] args) {
        Console console = System.console();
        PasswordPrompt prompt = console != null
                ? PasswordPrompt.console(console)
                : PasswordPrompt.lines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
        System.exit(run(List.of(args), prompt, System.out, System.err));
    }

    /** Runs starling-passwd with passwords read as lines of {@code in}; returns the exit status. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return run(args, PasswordPrompt.lines(reader, out), out, err);
    }

    /** Runs starling-passwd; returns the exit status. */
    static int run(List<String> args, PasswordPrompt prompt, PrintStream out, PrintStream err) {
        try {
            PasswdOptions options = PasswdOptions.parse(args);
            switch (options.mode()) {
                case CREATE -> create(options, prompt);
                case UPDATE -> edit(options, prompt);
                case DELETE, HASH_PLAIN -> edit(options, null);
                default -> throw new IllegalStateException(options.mode().toString());
            }
            return 0;
        } catch (PasswdFailure e) {
            if (e.showUsage()) {
                out.print(PasswdOptions.usage());
            } else {
                err.println(e.getMessage().startsWith("Warning:") ? e.getMessage() : "Error: " + e.getMessage());
            }
            return e.exitStatus();
        }
    }

    private static void create(PasswdOptions options, PasswordPrompt prompt) throws PasswdFailure {
        String password = options.batch() ? options.password() : askTwice(prompt);
        PasswdLines lines = PasswdLines.empty();
        lines.put(options.username(), hash(options, password));
        Path file = options.file();
        try {
            if (!Files.exists(file)) {
                // a new file is for the broker's eyes only; an existing one keeps its owner's choice
                createPrivate(file);
            }
            Files.write(file, lines.toBytes(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw PasswdFailure.error("Unable to open file " + file + " for writing. " + reason(e) + ".");
        }
    }

    private static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static void edit(PasswdOptions options, PasswordPrompt prompt) throws PasswdFailure {
        Path file = options.file();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw PasswdFailure.error("Unable to open password file " + file + ". " + reason(e) + ".");
        }
        PasswdLines lines = PasswdLines.parse(bytes);
        switch (options.mode()) {
            case UPDATE -> {
                String password = options.batch() ? options.password() : askTwice(prompt);
                lines.put(options.username(), hash(options, password));
            }
            case DELETE -> {
                if (!lines.remove(options.username())) {
                    throw new PasswdFailure("Warning: User " + options.username() + " not found in password file.", 1);
                }
            }
            case HASH_PLAIN -> lines.hashPlain(options.hashType(), options.iterations());
            default -> throw new IllegalStateException(options.mode().toString());
        }
        try {
            // in place, as mosquitto_passwd does: the file keeps its owner and permissions
            Files.write(file, lines.toBytes(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw PasswdFailure.error("Unable to write password file " + file + ". " + reason(e) + ".");
        }
    }

    private static PasswordHash hash(PasswdOptions options, String password) {
        return PasswordHash.create(options.hashType(), options.iterations(), password.getBytes(StandardCharsets.UTF_8));
    }

    /** mosquitto_passwd's get_password: two non-empty, equal answers. */
    private static String askTwice(PasswordPrompt prompt) throws PasswdFailure {
        try {
            String first = prompt.ask("Password: ");
            if (first == null || first.isEmpty()) {
                throw PasswdFailure.error("Empty password.");
            }
            String second = prompt.ask("Reenter password: ");
            if (second == null || second.isEmpty()) {
                throw PasswdFailure.error("Empty password.");
            }
            if (!first.equals(second)) {
                throw new PasswdFailure("Passwords do not match.", MISMATCH_STATUS);
            }
            return first;
        } catch (IOException e) {
            throw PasswdFailure.error("Unable to read the password. " + e.getMessage() + ".");
        }
    }

    /** The C library's words for the common failures, as mosquitto_passwd prints strerror(). */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
