package dev.browserstorage.quarkus.deployment.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keeps the log records of one logger (and those below it) that a test looks for, until closed. */
public final class LogCapture extends Handler implements AutoCloseable {
    /** The records kept, in order. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private final Logger logger;
    private final Predicate<LogRecord> wanted;

    private LogCapture(Logger logger, Predicate<LogRecord> wanted) {
        this.logger = logger;
        this.wanted = wanted;
    }

    /**
     * @param loggerName the logger, {@code ""} for all
     * @param wanted which records to keep
     * @return the capture, started
     */
    public static LogCapture of(String loggerName, Predicate<LogRecord> wanted) {
        LogCapture capture = new LogCapture(Logger.getLogger(loggerName), wanted);
        capture.logger.addHandler(capture);
        return capture;
    }

    /** @return each record's message, parameters and exception as one text */
    public List<String> texts() {
        return records.stream()
                .map(record -> record.getMessage() + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (wanted.test(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
