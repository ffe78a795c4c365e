using System;

class Program
{
	static void Main()
	{
		object nothing = null;
		Console.WriteLine(nothing.ToString());
	}
}
