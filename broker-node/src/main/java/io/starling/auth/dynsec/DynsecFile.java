package io.starling.auth.dynsec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.starling.auth.SecurityFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Mosquitto's dynamic-security JSON file ({@code plugin_opt_config_file}): read into a
 * {@link DynsecState}, written back byte for byte as the plugin writes it.
 *
 * <p>Reading follows the plugin (member names in any case, unknown members ignored, references to
 * missing roles or clients dropped with a warning) but is stricter where Mosquitto would silently
 * skip an entry it cannot read: a skipped role, client or deny rule changes who may do what, so such
 * a file is refused with a {@link SecurityFileException} instead.
 */
public final class DynsecFile {

    private DynsecFile() {
    }

    /** Reads the file; an empty file is an empty state, as in Mosquitto. */
    public static DynsecState read(Path file) throws SecurityFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SecurityFileException(file, 0, "cannot read the dynamic-security file: " + e.getMessage());
        }
        return parse(text, file);
    }

    /** Parses file content; {@code file} only names the source in errors. */
    public static DynsecState parse(String text, Path file) throws SecurityFileException {
        if (text.isEmpty()) {
            return DynsecState.EMPTY;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(0, at.getLineNr());
            throw new SecurityFileException(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SecurityFileException(file, 0, "the dynamic-security file must hold one JSON object");
        }
        return new DynsecFileReader(file).read(root);
    }

    /** The file content Mosquitto would save for this state ({@code cJSON_Print}, no final newline). */
    public static String format(DynsecState state) {
        return CJsonPrinter.formatted(DynsecJsonTrees.file(state));
    }

    /**
     * Saves the state as Mosquitto does: to {@code FILE.new}, then renamed over {@code FILE}, so a
     * reader never sees half a file.
     */
    public static void write(Path file, DynsecState state) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, format(state), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
