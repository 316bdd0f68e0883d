// The whole tool lives in Cli so tests can call Cli.Run in-process with their own writers and token.
return InfoTheory.Cli.Cli.RunProcess(args);
