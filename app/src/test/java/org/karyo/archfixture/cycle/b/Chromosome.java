package org.karyo.archfixture.cycle.b;

import org.karyo.archfixture.cycle.a.Metaphase;

/** Fixture: the other half of the deliberate package cycle (b -> a). */
public class Chromosome {
    Metaphase owner;
}
