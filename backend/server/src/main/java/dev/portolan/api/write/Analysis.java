package dev.portolan.api.write;

import dev.portolan.model.ResourceKey;
import java.util.List;

/**
 * What a write would do, as gwctl analyze answers: the changes, and the issues it introduces, fixes or leaves.
 *
 * @param changes in request order
 * @param issuesIntroduced sorted; present after, absent before
 * @param issuesFixed      sorted; present before, absent after
 * @param issuesUnchanged  sorted; present before and after
 */
public record Analysis(List<Change> changes, List<Issue> issuesIntroduced, List<Issue> issuesFixed,
                       List<Issue> issuesUnchanged) {

    /** @param action {@code create}, {@code update}, {@code unchanged} or {@code delete} */
    public record Change(ResourceKey object, String action) {
        public static final String CREATE = "create";
        public static final String UPDATE = "update";
        public static final String UNCHANGED = "unchanged";
        public static final String DELETE = "delete";
    }
}
