package dev.portolan.cli;

/** Exit codes: 0 done, 1 Portolan refused or has no such object, 2 bad usage, 3 Portolan unreachable. */
final class Exit {
    static final int OK = 0;
    static final int API_ERROR = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    private Exit() {
    }
}
