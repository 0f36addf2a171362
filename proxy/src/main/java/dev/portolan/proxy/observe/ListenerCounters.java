package dev.portolan.proxy.observe;

import java.util.concurrent.atomic.LongAdder;

/** Request counts of one Gateway listener by status class (1xx..5xx); cheap to bump from many threads. */
public final class ListenerCounters {
    static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private final LongAdder[] byClass = new LongAdder[CLASSES.length];

    ListenerCounters() {
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new LongAdder();
        }
    }

    /** Counts one finished request; statuses outside 100-599 count as 5xx (the client saw a broken answer). */
    public void record(int status) {
        int index = status / 100 - 1;
        byClass[index >= 0 && index < byClass.length ? index : 4].increment();
    }

    /** @param statusClass "1xx" .. "5xx" */
    public long count(String statusClass) {
        for (int i = 0; i < CLASSES.length; i++) {
            if (CLASSES[i].equals(statusClass)) {
                return byClass[i].sum();
            }
        }
        throw new IllegalArgumentException("status class '" + statusClass + "' is not one of 1xx..5xx");
    }
}
