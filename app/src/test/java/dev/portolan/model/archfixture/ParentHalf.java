package dev.portolan.model.archfixture;

import dev.portolan.model.archfixture.child.ChildHalf;

/** ArchitectureTest's fixture: a package half of a cycle with its own sub-package, inside one top-level package. */
public final class ParentHalf {
    ChildHalf child;
}
