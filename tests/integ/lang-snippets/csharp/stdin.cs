using System;

class Program
{
	static void Main()
	{
		using (var o = Console.OpenStandardOutput())
			Console.OpenStandardInput().CopyTo(o);
	}
}
