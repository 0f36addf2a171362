package dev.portolan.controlplane;

/**
 * Starts the control plane of one mode ({@code portolan.mode}). Embedded mode's launcher lives in the backend; the
 * application module adds Kubernetes mode's, so the backend needs no Kubernetes client.
 */
public interface ControlPlaneLauncher {

    /** The {@code portolan.mode} value this launcher answers to. */
    String mode();

    ControlPlane start() throws Exception;
}
