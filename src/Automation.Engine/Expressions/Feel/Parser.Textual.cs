namespace Automation.Engine.Expressions.Feel;

/// <summary>The textual expressions (if, for, some/every, function definitions) and type names.</summary>
internal sealed partial class Parser
{
    private IfNode If()
    {
        at++;
        var condition = Expression();
        ExpectKeyword("then");
        var then = Expression();
        ExpectKeyword("else");
        return new IfNode(condition, then, Expression());
    }

    private List<Iteration> Iterations()
    {
        var iterations = new List<Iteration>();
        do
        {
            if (iterations.Count > 0) at++;
            var name = NameWords();
            ExpectKeyword("in");
            var domain = Expression();
            Node? end = null;
            if (IsSymbol(".."))
            {
                at++;
                end = Expression();
            }
            iterations.Add(new Iteration(name, domain, end));
        }
        while (IsSymbol(","));
        return iterations;
    }

    private ForNode For()
    {
        at++;
        var iterations = Iterations();
        ExpectKeyword("return");
        return new ForNode(iterations, Expression());
    }

    private QuantifiedNode Quantified()
    {
        var every = Current.Text == "every";
        at++;
        var iterations = Iterations();
        ExpectKeyword("satisfies");
        return new QuantifiedNode(every, iterations, Expression());
    }

    private FunctionNode Function()
    {
        at++;
        Expect("(");
        var parameters = new List<string>();
        while (!IsSymbol(")"))
        {
            if (parameters.Count > 0) Expect(",");
            parameters.Add(NameWords());
            if (IsSymbol(":"))
            {
                at++;
                Type();
            }
        }
        at++;
        var external = false;
        if (IsName("external"))
        {
            at++;
            external = true;
        }
        return new FunctionNode(parameters, Expression(), external);
    }

    private FeelType Type()
    {
        if (IsName("function") && Peek(1) is { Kind: TokenKind.Symbol, Text: "<" })
        {
            at += 2;
            var parameters = new List<FeelType>();
            while (!IsSymbol(">"))
            {
                if (parameters.Count > 0) Expect(",");
                parameters.Add(Type());
            }
            at++;
            Expect("->");
            parameters.Add(Type());
            return new FeelType("function", parameters, []);
        }
        var name = NameWords();
        if (!IsSymbol("<")) return FeelType.Simple(name);
        at++;
        if (name == "context")
        {
            var fields = new List<KeyValuePair<string, FeelType>>();
            while (!IsSymbol(">"))
            {
                if (fields.Count > 0) Expect(",");
                var field = NameWords(allowKeywords: true);
                Expect(":");
                fields.Add(new(field, Type()));
            }
            at++;
            return new FeelType(name, [], fields);
        }
        var argument = Type();
        Expect(">");
        return new FeelType(name, [argument], []);
    }
}
