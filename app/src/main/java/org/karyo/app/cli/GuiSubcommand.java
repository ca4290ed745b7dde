package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo gui} to the command line (ServiceLoader). */
public final class GuiSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "gui";
    }

    @Override
    public Object command() {
        return new GuiCommand();
    }
}
