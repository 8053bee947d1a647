package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The help of one command, the same for {@code berth help COMMAND} and {@code berth COMMAND --help}. */
final class CommandHelp {
    private CommandHelp() {
    }

    static void print(Command command, Output output) {
        output.say("usage: berth " + command.synopsis());
        output.say(command.summary());
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        if (!command.optionHelp().isEmpty()) {
            output.say("\noptions:");
        }
        for (Command.OptionHelp option : command.optionHelp()) {
            output.say("  " + option.usage() + "\n      " + option.description());
            options.put(option.usage(), option.description());
        }
        output.json("usage", JsonNodeFactory.instance.textNode("berth " + command.synopsis()));
        output.json("summary", JsonNodeFactory.instance.textNode(command.summary()));
        output.json("options", options);
    }
}
