// Placeholder: filled in by the issue that adds this command.
#include "app/commands.h"

namespace kg {

void RegisterShardCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {}

}  // namespace kg
