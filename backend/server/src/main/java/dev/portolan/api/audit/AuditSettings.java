package dev.portolan.api.audit;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code portolan.audit.*}: where the audit log goes and how much of it the dashboard keeps. */
@ConfigurationProperties("portolan.audit")
public class AuditSettings {
    private String file = "";
    private int entries = 500;
    private String maxFileSize = "10MB";
    private int maxFiles = 5;

    /**
     * The JSON-lines file; empty means {@code <manifests>/.portolan/audit.log} in embedded mode and no file (the
     * log stream only) in Kubernetes mode; {@code none} turns the file off.
     */
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file == null ? "" : file.strip();
    }

    /** How many entries the dashboard's audit page keeps in memory (newest first). */
    public int getEntries() {
        return entries;
    }

    public void setEntries(int entries) {
        this.entries = Math.max(1, Math.min(entries, 100_000));
    }

    /** Size at which the file rolls over (logback notation, e.g. {@code 10MB}). */
    public String getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(String maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** Rolled-over files kept beside the current one ({@code audit.log.1} ... ). */
    public int getMaxFiles() {
        return maxFiles;
    }

    public void setMaxFiles(int maxFiles) {
        this.maxFiles = Math.max(1, Math.min(maxFiles, 20));
    }
}
