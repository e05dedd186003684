package io.starling.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import io.starling.config.BrokerConfig;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log_dest} and {@code log_type} to Logback. Mosquitto's log types map onto levels:
 * debug → DEBUG, information/notice/subscribe → INFO, warning → WARN, error → ERROR, none → OFF.
 */
final class Logging {

    private Logging() {
    }

    static void apply(BrokerConfig config) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(config.logTypes()));
        if (config.logDest().equals(java.util.List.of("stderr"))) {
            return; // logback.xml's default
        }
        root.detachAndStopAllAppenders();
        for (String dest : config.logDest()) {
            switch (dest) {
                case "stdout" -> root.addAppender(console(context, "System.out"));
                case "stderr" -> root.addAppender(console(context, "System.err"));
                case "file" -> root.addAppender(file(context, config.logFile().toString()));
                default -> { } // "none": no appender
            }
        }
    }

    private static Level level(Set<String> types) {
        if (types.contains("debug")) {
            return Level.DEBUG;
        }
        if (types.contains("information") || types.contains("notice")
                || types.contains("subscribe") || types.contains("unsubscribe")) {
            return Level.INFO;
        }
        if (types.contains("warning")) {
            return Level.WARN;
        }
        if (types.contains("error")) {
            return Level.ERROR;
        }
        return Level.OFF;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();
        return encoder;
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, String target) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget(target);
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }

    private static Appender<ILoggingEvent> file(LoggerContext context, String path) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(path);
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }
}
