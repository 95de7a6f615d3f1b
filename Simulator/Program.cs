return LookoutSim.Cli.CommandLine.Run(args);
