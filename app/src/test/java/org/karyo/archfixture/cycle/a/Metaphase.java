package org.karyo.archfixture.cycle.a;

import org.karyo.archfixture.cycle.b.Chromosome;

/** Fixture: half of a deliberate package cycle (a -> b -> a) for TestArchitectureRulesCatchViolations. */
public class Metaphase {
    Chromosome first;
}
