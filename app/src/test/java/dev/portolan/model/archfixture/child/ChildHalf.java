package dev.portolan.model.archfixture.child;

import dev.portolan.model.archfixture.ParentHalf;

/** ArchitectureTest's fixture: the sub-package half of the cycle. */
public final class ChildHalf {
    ParentHalf parent;
}
