package io.gradcheck.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code --debug}: for one command line, the library's FINE messages (which matrix multiply is in
 * use, ...) go to stderr, one line each: {@code debug: LOGGER: MESSAGE}. Without it they stay
 * silent, as java.util.logging drops FINE by default. Closing restores the logger as it was.
 */
final class DebugLog implements AutoCloseable {
    // held here because java.util.logging keeps loggers only weakly, and would forget the level
    private static final Logger LIBRARY = Logger.getLogger("io.gradcheck");

    private final Handler handler;
    private final Level before;

    private DebugLog(Handler handler, Level before) {
        this.handler = handler;
        this.before = before;
    }

    /** Starts showing FINE messages on err if debug; else does nothing. err: not closed. */
    static DebugLog open(boolean debug, PrintStream err) {
        if (!debug) {
            return new DebugLog(null, null);
        }
        SimpleFormatter words = new SimpleFormatter();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    err.println("debug: " + r.getLoggerName() + ": " + words.formatMessage(r));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {  // err belongs to the caller
            }
        };
        h.setLevel(Level.FINE);
        Level before = LIBRARY.getLevel();
        LIBRARY.setLevel(Level.FINE);
        LIBRARY.addHandler(h);
        return new DebugLog(h, before);
    }

    @Override
    public void close() {
        if (handler != null) {
            LIBRARY.removeHandler(handler);
            LIBRARY.setLevel(before);
        }
    }
}
