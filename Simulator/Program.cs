_ = LookoutSim.Cli.RunCommand.StartEarly(args);
return LookoutSim.Cli.CommandLine.Run(args);
