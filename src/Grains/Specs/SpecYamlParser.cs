using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// YamlDotNet's parser as specs are loaded through it. It refuses anchors and aliases (a spec never needs them, and
/// an alias bomb would share one node under many keys, each reported again) and nesting deeper than
/// <see cref="SpecLimits.MaxDepth"/> (YamlDotNet builds nodes recursively: deep nesting overflows the stack and
/// ends the process). It also keeps what an error message needs when YamlDotNet's exception has no position.
/// </summary>
internal sealed class SpecYamlParser : IParser
{
    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly Stack<(char? Bracket, Mark Start)> _open = new();

    public SpecYamlParser(TextReader text)
    {
        _scanner = new Scanner(text);
        _parser = new Parser(_scanner);
    }

    public ParsingEvent? Current => _parser.Current;

    /// <summary>Where the scanner stopped: the best position for a failure that carries none.</summary>
    public Mark Position => _scanner.CurrentPosition;

    /// <summary>The innermost <c>[</c> or <c>{</c> not closed yet, and where it opened.</summary>
    public (char Bracket, Mark Start)? UnclosedBracket =>
        _open.FirstOrDefault(o => o.Bracket is not null) is { Bracket: { } bracket, Start: var start } ? (bracket, start) : null;

    public bool MoveNext()
    {
        if (!_parser.MoveNext())
            return false;
        switch (_parser.Current)
        {
            case AnchorAlias alias:
                throw new UnsupportedYamlException(alias.Start, "YAML aliases (*name) are not supported");
            case NodeEvent { Anchor.IsEmpty: false } anchored:
                throw new UnsupportedYamlException(anchored.Start, "YAML anchors (&name) are not supported");
            case SequenceStart sequence:
                Open(sequence.Style == SequenceStyle.Flow ? '[' : null, sequence.Start);
                break;
            case MappingStart mapping:
                Open(mapping.Style == MappingStyle.Flow ? '{' : null, mapping.Start);
                break;
            case SequenceEnd or MappingEnd:
                _open.Pop();
                break;
        }
        return true;
    }

    private void Open(char? bracket, Mark start)
    {
        if (_open.Count == SpecLimits.MaxDepth)
            throw new UnsupportedYamlException(start, $"nested deeper than the limit of {SpecLimits.MaxDepth} levels");
        _open.Push((bracket, start));
    }
}

/// <summary>YAML that is well-formed but uses what specs do not allow; the message is the whole reason.</summary>
internal sealed class UnsupportedYamlException(Mark at, string reason) : Exception(reason)
{
    public Mark At { get; } = at;
}
