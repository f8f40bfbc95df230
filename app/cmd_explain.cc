// Placeholder: filled in by the issue that adds this command.
#include "app/commands.h"

namespace kg {

void RegisterExplainCommands(CLI::App& app, GlobalOptions& global, CommandAction& action) {}

}  // namespace kg
