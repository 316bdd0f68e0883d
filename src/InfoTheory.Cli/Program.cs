// The whole tool lives in Cli.Run so tests can call it in-process with their own writers.
return InfoTheory.Cli.Cli.Run(args, Console.Out, Console.Error);
