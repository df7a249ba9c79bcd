package io.jenkins.plugins.codegen.bridge;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a bridge leaves behind to explain itself when it ends without a result: lines it wrote that
 * are not events, the start command's own output, and the end of its log; all masked.
 */
final class BridgeTraces {
    private static final Logger LOGGER = Logger.getLogger(BridgeTraces.class.getName());
    private static final int LOG_TAIL = 8 * 1024;
    private static final int STRAY_LINES = 5;

    private final BridgeFolder folder;
    private final SecretMasker masker;
    private final List<String> strayLines = new ArrayList<>();
    private String launchOutput = "";

    BridgeTraces(BridgeFolder folder, SecretMasker masker) {
        this.folder = folder;
        this.masker = masker;
    }

    /** What the launcher captured of the start command's own output. */
    void launched(String output) {
        this.launchOutput = output == null ? "" : output;
    }

    /** A line that is not an event (already masked): the first few are kept. */
    void stray(String masked) {
        if (strayLines.size() < STRAY_LINES) {
            strayLines.add(masked.length() > 200 ? masked.substring(0, 200) + "..." : masked);
        }
    }

    BridgeOutcome.Diagnostics diagnostics(boolean killed) {
        return new BridgeOutcome.Diagnostics(List.copyOf(strayLines), masker.mask(logText()), killed);
    }

    /** " Its log ends with: ...", or nothing when there is no log. */
    String logNote() {
        String log = masker.mask(logText());
        return log.isEmpty() ? "" : " Its log ends with: " + log;
    }

    private String logText() {
        String log = "";
        boolean interrupted = Thread.interrupted();
        try {
            byte[] tail = folder.read(BridgeFiles.LOG, -LOG_TAIL, LOG_TAIL);
            log = tail == null ? "" : new String(tail, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not read the bridge's log in " + folder, e);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        String text = (launchOutput.strip() + "\n" + log.strip()).strip();
        return text.length() > LOG_TAIL ? "..." + text.substring(text.length() - LOG_TAIL) : text;
    }
}
