#pragma once
// vines-console --create-api-token / --revoke-api-token / --list-api-tokens: manages the
// northbound API's tokens without starting the console. Returns the process's exit code.
namespace vines {

struct CommandLine;
namespace api { class ApiTokens; }

int runTokenCommand(const CommandLine &cl, api::ApiTokens &tokens);

} // namespace vines
