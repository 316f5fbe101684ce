# The help users read with Get-Help: every exported cmdlet has a PlatyPS markdown file in docs/en-US,
# the build compiled it into MAML, and what both say about each parameter agrees with the cmdlet
# itself (Get-Command metadata), the checks PlatyPS's Update-MarkdownHelp would make.

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../out/SdeAlm/SdeAlm.psd1')
    $cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . $PSScriptRoot/common.ps1

    $script:DocsFolder = Join-Path $PSScriptRoot '../docs/en-US'
    $script:HelpFolder = Join-Path (Split-Path $script:ModuleManifest) 'en-US'
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    function Read-HelpMarkdown {
        # Cuts a PlatyPS markdown file into front matter, title, ## sections and their ### parts,
        # keeping each part's plain lines and its fenced code blocks apart.
        param([Parameter(Mandatory)] [string] $Path)
        $lines = @(Get-Content -LiteralPath $Path)
        $frontMatter = @{}
        $index = 0
        if ($lines[0] -eq '---') {
            for ($index = 1; $lines[$index] -ne '---'; $index++) {
                if ($lines[$index] -match '^([^:]+):\s*(.*)$') { $frontMatter[$Matches[1].Trim()] = $Matches[2].Trim() }
            }
            $index++
        }

        $title = $null
        $sections = [ordered]@{}
        $part = $null
        $fence = $null
        for (; $index -lt $lines.Count; $index++) {
            $line = $lines[$index]
            if ($null -ne $fence) {
                if ($line -match '^```\s*$') {
                    $part.Fences.Add([pscustomobject]@{ Info = $fence.Info; Text = $fence.Lines -join "`n" })
                    $fence = $null
                }
                else { $fence.Lines.Add($line) }
            }
            elseif ($line -match '^```(\S*)') { $fence = @{ Info = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() } }
            elseif ($line -match '^# (.+)$' -and -not $title) { $title = $Matches[1].Trim() }
            elseif ($line -match '^(##|###) (.+)$') {
                $part = [pscustomobject]@{ Title = $Matches[2].Trim(); Text = [System.Collections.Generic.List[string]]::new(); Fences = [System.Collections.Generic.List[object]]::new() }
                if ($Matches[1] -eq '##') { $sections[$part.Title] = [System.Collections.Generic.List[object]]::new() }
                $sections[$sections.Count - 1].Add($part)
            }
            elseif ($null -ne $part) { $part.Text.Add($line) }
        }

        [pscustomobject]@{ FrontMatter = $frontMatter; Title = $title; Sections = $sections }
    }

    function Get-SubPart {
        # The ### parts of a ## section (its first entry is the section itself).
        param($Markdown, [string] $Section)
        $entries = @($Markdown.Sections[$Section])
        if ($entries.Count -gt 1) { $entries[1..($entries.Count - 1)] }
    }

    function ConvertFrom-ParameterYaml {
        param([string] $Text)
        $values = @{}
        foreach ($line in $Text -split "`n") {
            if ($line -match '^\s*([^:]+):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $values
    }

    function Split-List {
        param([string] $Text)
        @($Text -split ',' | ForEach-Object Trim | Where-Object { $_ })
    }

    function Get-PipelineInputText {
        # How PlatyPS and MAML write a parameter's pipeline input, from its metadata in one parameter set.
        param([System.Management.Automation.ParameterSetMetadata] $SetMetadata)
        $kinds = @(
            if ($SetMetadata.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
            if ($SetMetadata.ValueFromPipeline) { 'ByValue' }
        )
        if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
    }

    function Get-PositionText {
        param([System.Management.Automation.ParameterSetMetadata] $SetMetadata)
        if ($SetMetadata.Position -eq [int]::MinValue) { 'Named' } else { [string]$SetMetadata.Position }
    }

    function Get-PlatyPSTypeName {
        # The Type that PlatyPS writes for a parameter type in schema 2.0.0 markdown (platyPS 0.14, its
        # GetTypeString), and so in the MAML it compiles: Nullable<T> as the name of T (Int32, Boolean;
        # the syntax shows <Int32> too), any other constructed generic type as Type.ToString()
        # (System.Collections.Generic.List`1[System.String]), and every other type by its Name: String[],
        # SwitchParameter, Nullable`1[] for an array of nullables. Never PowerShell's short names (int,
        # string) nor full names, which only -UseFullTypeName writes (System.Nullable`1[System.Int32]).
        param([Parameter(Mandatory)] [type] $Type)
        if ($Type.Name -eq 'Nullable`1') { return $Type.GenericTypeArguments[0].Name }
        if ($Type.IsGenericType) { return $Type.ToString() }
        $Type.Name
    }

    function Get-Name {
        # The names of Get-Help or metadata entries; an empty help section yields no names, not a $null.
        param($Item)
        @($Item | Where-Object { $_ } | ForEach-Object { $_.Name })
    }

    function ConvertTo-SyntaxText {
        # A syntax line with white space collapsed and every <type> spelled by its full name, so that
        # Get-Command's <int> and PlatyPS's <Int32> compare equal.
        param([string] $Text)
        $text = ($Text -replace '\s+', ' ').Trim()
        [regex]::Replace($text, '<([\w.]+)(\[\])?>', {
                param($match)
                $type = $match.Groups[1].Value -as [type]
                $name = if ($type) { $type.FullName } else { $match.Groups[1].Value }
                "<$name$($match.Groups[2].Value)>"
            })
    }

    function Get-HelpText {
        # The text of a Get-Help description (an array of paragraphs with a Text property).
        param($Description)
        (@($Description) | ForEach-Object { $_.Text }) -join "`n"
    }

    function Get-DocumentedParameter {
        # name -> { Description, Blocks (parsed yaml) } from the PARAMETERS section.
        param($Markdown)
        $parameters = [ordered]@{}
        foreach ($part in Get-SubPart $Markdown 'PARAMETERS') {
            if ($part.Title -notlike '-*') { continue }
            $parameters[$part.Title.Substring(1)] = [pscustomobject]@{
                Description = ($part.Text -join ' ').Trim()
                Blocks      = @($part.Fences | Where-Object Info -eq 'yaml' | ForEach-Object { ConvertFrom-ParameterYaml $_.Text })
            }
        }
        $parameters
    }

    function Compare-ParameterBlock {
        # Every way one parameter's yaml blocks disagree with the cmdlet's metadata for it.
        param([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.ParameterMetadata] $Parameter, [object[]] $Blocks)
        $name = $Parameter.Name
        $actualSets = @($Parameter.ParameterSets.Keys)
        $covered = [System.Collections.Generic.List[string]]::new()
        foreach ($block in $Blocks) {
            foreach ($key in 'Type', 'Parameter Sets', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters') {
                if (-not $block.ContainsKey($key)) { "-${name}: the yaml block has no '${key}:'" }
            }

            $platyPSType = Get-PlatyPSTypeName $Parameter.ParameterType
            if ($block['Type'] -cne $platyPSType) {
                "-${name}: Type is '$($block['Type'])' but PlatyPS writes '$platyPSType' for the parameter's [$($Parameter.ParameterType)]"
            }

            $sets = if ($block['Parameter Sets'] -eq '(All)') { @('__AllParameterSets') } else { @(Split-List $block['Parameter Sets']) }
            foreach ($set in $sets) {
                if ($set -notin $actualSets) { "-${name}: documented in parameter set '$set', which it does not belong to"; continue }
                $covered.Add($set)
                $metadata = $Parameter.ParameterSets[$set]
                if ([bool]::Parse($block['Required']) -ne $metadata.IsMandatory) { "-${name} ($set): Required is $($block['Required']) but the cmdlet says $($metadata.IsMandatory)" }
                if ($block['Position'] -ne (Get-PositionText $metadata)) { "-${name} ($set): Position is $($block['Position']) but the cmdlet says $(Get-PositionText $metadata)" }
                if ($block['Accept pipeline input'] -ne (Get-PipelineInputText $metadata)) {
                    "-${name} ($set): Accept pipeline input is '$($block['Accept pipeline input'])' but the cmdlet says '$(Get-PipelineInputText $metadata)'"
                }
            }

            $wildcards = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            if ([bool]::Parse($block['Accept wildcard characters']) -ne $wildcards) { "-${name}: Accept wildcard characters is $($block['Accept wildcard characters']) but the cmdlet says $wildcards" }

            $aliases = @(Split-List $block['Aliases'])
            if (Compare-Object @($Parameter.Aliases) $aliases) { "-${name}: Aliases are '$($aliases -join ', ')' but the cmdlet has '$($Parameter.Aliases -join ', ')'" }

            $validValues = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
            $accepted = @(Split-List $block['Accepted values'])
            if (Compare-Object $validValues $accepted) { "-${name}: Accepted values are '$($accepted -join ', ')' but the cmdlet accepts '$($validValues -join ', ')'" }

            # The default is what a fresh cmdlet object holds: compare it when it is a value, not null.
            $default = $block['Default value']
            if ($Parameter.SwitchParameter) {
                if ($default -ne 'False') { "-${name}: a switch's Default value is False, not '$default'" }
            }
            else {
                $actual = [Activator]::CreateInstance($Command.ImplementingType).($name)
                if ($null -ne $actual -and $default -ne [string]$actual) { "-${name}: Default value is '$default' but the cmdlet starts with '$actual'" }
                if ($null -eq $actual -and $default -match '^(True|False|-?\d+)$') { "-${name}: Default value is '$default' but the cmdlet has none" }
            }
        }

        foreach ($set in $actualSets | Where-Object { $_ -notin $covered }) { "-${name}: parameter set '$set' is not documented" }
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name -Module SdeAlm
        $markdownPath = Join-Path $script:DocsFolder "$Name.md"
        $markdown = if (Test-Path $markdownPath) { Read-HelpMarkdown $markdownPath }
        $documented = Get-DocumentedParameter $markdown
        $help = Get-Help $Name -Full
        $helpParameters = @($help.parameters.parameter | Where-Object { $_ })
        $realParameters = @($command.Parameters.Values | Where-Object Name -notin $script:CommonParameters)
    }

    It 'has a markdown file in the PlatyPS schema' {
        $markdownPath | Should -Exist
        $markdown.FrontMatter['external help file'] | Should -Be "$([IO.Path]::GetFileName($command.DLL))-Help.xml"
        $markdown.FrontMatter['Module Name'] | Should -Be 'SdeAlm'
        $markdown.FrontMatter['schema'] | Should -Be '2.0.0'
        $markdown.Title | Should -BeExactly $Name
        @($markdown.Sections.Keys) | Should -Be @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
        $markdown.Sections['PARAMETERS'].Title | Should -Contain 'CommonParameters'
    }

    It 'shows a real synopsis and description in Get-Help' {
        # Without help, Get-Help makes the synopsis from the syntax and leaves the description empty.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name))
        $help.Synopsis | Should -Not -Match '\{\{'
        (Get-HelpText $help.description).Length | Should -BeGreaterThan 100
        Get-HelpText $help.description | Should -Not -Match '\{\{'
    }

    It 'shows at least two examples, each with code that parses and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because $example.title
            (Get-HelpText $example.remarks).Trim().Length | Should -BeGreaterThan 40 -Because "$($example.title) needs an explanation"
        }

        foreach ($part in Get-SubPart $markdown 'EXAMPLES') {
            $code = @($part.Fences | Where-Object Info -eq 'powershell')
            $code.Count | Should -BeGreaterThan 0 -Because "$($part.Title) needs a powershell code block"
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($code[0].Text, [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty -Because "the code of $($part.Title) must be valid PowerShell"
        }
    }

    It 'documents every parameter, and no parameter the cmdlet does not have' {
        Compare-Object @(Get-Name $realParameters) @($documented.Keys) | ForEach-Object {
            if ($_.SideIndicator -eq '<=') { "-$($_.InputObject) is not documented" } else { "-$($_.InputObject) is documented but the cmdlet has no such parameter" }
        } | Should -BeNullOrEmpty
        Compare-Object @(Get-Name $realParameters) @(Get-Name $helpParameters) | Should -BeNullOrEmpty -Because 'Get-Help must list exactly the real parameters'
    }

    It 'describes every parameter in Get-Help' {
        foreach ($parameter in $helpParameters) {
            (Get-HelpText $parameter.description).Trim().Length | Should -BeGreaterThan 20 -Because "-$($parameter.name) needs a description"
        }
    }

    It 'documents each parameter with the attributes the cmdlet gives it (markdown)' {
        $problems = foreach ($parameter in $realParameters) {
            if ($documented.Contains($parameter.Name)) {
                if (-not $documented[$parameter.Name].Blocks) { "-$($parameter.Name) has no yaml block" }
                Compare-ParameterBlock $command $parameter $documented[$parameter.Name].Blocks
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'shows each parameter with the attributes the cmdlet gives it (Get-Help)' {
        $problems = foreach ($entry in $helpParameters) {
            $parameter = $command.Parameters[$entry.name]
            if (-not $parameter) { continue }
            if ($entry.type.name -cne (Get-PlatyPSTypeName $parameter.ParameterType)) { "-$($entry.name): type $($entry.type.name), not $(Get-PlatyPSTypeName $parameter.ParameterType)" }
            $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            if ($entry.globbing -ne $wildcards.ToString().ToLowerInvariant()) { "-$($entry.name): wildcards? $($entry.globbing)" }
            # The parameter list has one entry per parameter; it must match the parameter in one of its sets.
            $shown = "required $($entry.required), position $($entry.position), pipeline input $($entry.pipelineInput)"
            $real = @($parameter.ParameterSets.Values | ForEach-Object {
                    "required $($_.IsMandatory.ToString().ToLowerInvariant()), position $((Get-PositionText $_).ToLowerInvariant()), pipeline input $(Get-PipelineInputText $_)"
                })
            if ($shown -notin $real) { "-$($entry.name): Get-Help shows $shown; the cmdlet has $($real -join ' / ')" }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'has the syntax of every parameter set (markdown and Get-Help)' {
        $sets = @($command.ParameterSets)
        $parts = @(Get-SubPart $markdown 'SYNTAX')
        if ($sets.Count -eq 1) {
            $parts | Should -BeNullOrEmpty -Because 'PlatyPS writes a single parameter set without a heading'
            $blocks = @($markdown.Sections['SYNTAX'][0].Fences)
        }
        else {
            @($parts.Title) | Should -Be @($sets | ForEach-Object { if ($_.IsDefault) { "$($_.Name) (Default)" } else { $_.Name } })
            $blocks = @($parts | ForEach-Object { $_.Fences[0] })
        }

        for ($i = 0; $i -lt $sets.Count; $i++) {
            ConvertTo-SyntaxText $blocks[$i].Text | Should -Be (ConvertTo-SyntaxText "$Name $($sets[$i])")
        }

        $syntaxItems = @($help.syntax.syntaxItem)
        $syntaxItems.Count | Should -Be $sets.Count
        for ($i = 0; $i -lt $sets.Count; $i++) {
            $expected = @(Get-Name $sets[$i].Parameters | Where-Object { $_ -notin $script:CommonParameters })
            Compare-Object $expected @(Get-Name $syntaxItems[$i].parameter) | Should -BeNullOrEmpty -Because "syntax of $($sets[$i].Name)"
        }
    }

    It 'names the real input and output types' {
        $pipelineTypes = @($command.Parameters.Values | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } } |
            ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)
        $expectedInputs = if ($pipelineTypes) { $pipelineTypes } else { @('None') }
        Compare-Object $expectedInputs @((Get-SubPart $markdown 'INPUTS').Title) | Should -BeNullOrEmpty

        $outputTypes = @($command.OutputType | Where-Object { $_.Type -ne [void] } | ForEach-Object Name | Select-Object -Unique)
        $expectedOutputs = if ($outputTypes) { $outputTypes } else { @('None') }
        Compare-Object $expectedOutputs @((Get-SubPart $markdown 'OUTPUTS').Title) | Should -BeNullOrEmpty
        Compare-Object $expectedOutputs @($help.returnValues.returnValue | ForEach-Object { $_.type.name }) | Should -BeNullOrEmpty
    }

    It 'links only to help that exists' {
        $links = [regex]::Matches(($markdown.Sections['RELATED LINKS'][0].Text -join "`n"), '\[([^\]]+)\]\(([^)]+)\)')
        $links.Count | Should -BeGreaterThan 0
        foreach ($link in $links) {
            $target = $link.Groups[2].Value
            if ($target -notmatch '^https?://') { Join-Path $script:DocsFolder $target | Should -Exist }
        }
    }
}

Describe 'The Type of a parameter in the help' {
    It 'is what PlatyPS writes for [<Type>]: <Expected>' -ForEach @(
        @{ Type = 'Nullable[int]'; Expected = 'Int32' }
        @{ Type = 'Nullable[bool]'; Expected = 'Boolean' }
        @{ Type = 'int[]'; Expected = 'Int32[]' }
        @{ Type = 'string'; Expected = 'String' }
        @{ Type = 'switch'; Expected = 'SwitchParameter' }
        @{ Type = 'System.Collections.IDictionary'; Expected = 'IDictionary' }
        @{ Type = 'SdeAlm.Model.AlmConnection[]'; Expected = 'AlmConnection[]' }
        @{ Type = 'System.Collections.Generic.List[string]'; Expected = 'System.Collections.Generic.List`1[System.String]' }
        @{ Type = 'System.Collections.Generic.Dictionary[string, int]'; Expected = 'System.Collections.Generic.Dictionary`2[System.String,System.Int32]' }
        @{ Type = 'Nullable[int][]'; Expected = 'Nullable`1[]' }
    ) {
        # Named as text: the module's types are loaded after discovery.
        Get-PlatyPSTypeName ([type]$Type) | Should -BeExactly $Expected
    }

    It 'is checked in every yaml block: <Documented> for Get-SdeAlmJob -ProjectId is <Verdict>' -ForEach @(
        @{ Documented = 'Int32'; Verdict = 'right' }
        @{ Documented = 'Nullable[Int32]'; Verdict = 'wrong' }
        @{ Documented = 'System.Int32'; Verdict = 'wrong' }
        @{ Documented = 'int'; Verdict = 'wrong' }
        @{ Documented = 'Int32[]'; Verdict = 'wrong' }
    ) {
        $command = Get-Command Get-SdeAlmJob -Module SdeAlm
        $block = (Get-DocumentedParameter (Read-HelpMarkdown (Join-Path $script:DocsFolder 'Get-SdeAlmJob.md')))['ProjectId'].Blocks[0].Clone()
        $block['Type'] = $Documented
        $problems = @(Compare-ParameterBlock $command $command.Parameters['ProjectId'] @($block))
        if ($Verdict -eq 'right') { $problems | Should -BeNullOrEmpty }
        else { $problems | Should -Be @("-ProjectId: Type is '$Documented' but PlatyPS writes 'Int32' for the parameter's [System.Nullable[int]]") }
    }
}

Describe 'Module help' {
    It 'has a markdown file for every exported cmdlet and no file for a cmdlet that is not exported' {
        $files = Get-ChildItem $script:DocsFolder -Filter *.md | Where-Object Name -notlike 'about_*' | ForEach-Object BaseName
        Compare-Object @((Get-Command -Module SdeAlm -CommandType Cmdlet).Name) @($files) | Should -BeNullOrEmpty
    }

    It 'compiled every cmdlet into the MAML file next to the module' {
        $maml = [xml](Get-Content -Raw (Join-Path $script:HelpFolder 'SdeAlm.dll-Help.xml'))
        $names = $maml.helpItems.command | ForEach-Object { $_.details.name }
        Compare-Object @((Get-Command -Module SdeAlm -CommandType Cmdlet).Name) @($names) | Should -BeNullOrEmpty
    }

    It 'compiled about_SdeAlm, and Get-Help finds it' {
        Join-Path $script:HelpFolder 'about_SdeAlm.help.txt' | Should -Exist
        $about = Get-Help about_SdeAlm | Out-String
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'LONG DESCRIPTION'
        $about | Should -Match 'TROUBLESHOOTING NOTE'
        @(($about -split "`r?`n") | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}' }) | Should -BeNullOrEmpty -Because 'text is wrapped at 80 columns (code excepted)'
    }

    It 'covers connecting, both environment variables, the object model and every cmdlet in about_SdeAlm' {
        $about = Get-Help about_SdeAlm | Out-String
        foreach ($topic in 'SDE_SERVER', 'SDE_API_TOKEN', 'AlmPlugin', 'AlmPluginSection', 'AlmPluginField', 'AlmPluginFieldOption') {
            $about | Should -Match "\b$topic\b"
        }
        foreach ($name in (Get-Command -Module SdeAlm -CommandType Cmdlet).Name) { $about | Should -Match "\b$name\b" }
    }

    It 'names about topic sources about_<Name>.md, as PlatyPS expects, and compiles them to about_<Name>.help.txt' {
        $sources = @(Get-ChildItem $script:DocsFolder -Filter 'about_*.md' | ForEach-Object Name)
        $sources | Should -Be @('about_SdeAlm.md')
        @(Get-ChildItem $script:HelpFolder -Filter 'about_*.txt' | ForEach-Object Name) | Should -Be @('about_SdeAlm.help.txt')
    }

    It 'refuses an about topic named about_<Name>.help.md, which PlatyPS would compile to a name Get-Help never finds' {
        $compiler = Join-Path $PSScriptRoot '../out/tools/HelpCompiler/HelpCompiler.dll'
        $source = New-Item -ItemType Directory (Join-Path $TestDrive 'docs')
        Copy-Item (Join-Path $script:DocsFolder 'about_SdeAlm.md') (Join-Path $source 'about_SdeAlm.help.md')
        $output = & dotnet $compiler $source.FullName (Join-Path $TestDrive 'out') 2>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 1
        $output -join "`n" | Should -Match 'about_SdeAlm\.help\.md.*about_<Name>\.md|about_<Name>\.md.*about_SdeAlm\.help\.md'
        Join-Path $TestDrive 'out/about_SdeAlm.help.txt' | Should -Not -Exist
    }
}
