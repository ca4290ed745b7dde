package org.karyo.core.archfixture;

import org.karyo.app.cli.Karyo;

/** Fixture: a core-package class that imports the top module, which the layering rule forbids. */
public class ReachesUp {
    Karyo commandLine;
}
