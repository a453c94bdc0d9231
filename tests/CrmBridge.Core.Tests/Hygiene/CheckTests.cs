using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Hygiene.Checks;

namespace CrmBridge.Core.Tests.Hygiene;

public sealed class CheckTests
{
    [Theory]
    [InlineData("7707083893")]
    [InlineData("500100732259")]
    [InlineData("7830002293")]
    public void InnValidator_ValidCheckDigits_IsValid(string inn) => Assert.True(InnValidator.IsValid(inn));

    [Theory]
    [InlineData("7707083894")]
    [InlineData("500100732258")]
    [InlineData("500100732249")]
    [InlineData("770708389")]
    [InlineData("77070838931")]
    [InlineData("77070838a3")]
    [InlineData("")]
    public void InnValidator_WrongDigitsOrLength_IsInvalid(string inn) => Assert.False(InnValidator.IsValid(inn));

    [Fact]
    public void InnValidator_TryTidy_StripsSeparatorsOnlyWhenThatLeavesAValidInn()
    {
        Assert.Equal("7707083893", InnValidator.TryTidy("7707 083 893"));
        Assert.Equal("7707083893", InnValidator.TryTidy("7707-083-893"));
        Assert.Null(InnValidator.TryTidy("7707 083 894"));
        Assert.Null(InnValidator.TryTidy("7707083893"));
        Assert.Null(InnValidator.TryTidy("ИНН 7707083893"));
    }

    [Theory]
    [InlineData("orion-tech.ru", "orion-tech.ru")]
    [InlineData("https://www.Orion-Tech.RU/about?x=1", "orion-tech.ru")]
    [InlineData("http://orion-tech.ru.", "orion-tech.ru")]
    [InlineData("  ORION-TECH.ru:8080/ ", "orion-tech.ru")]
    [InlineData("орион.рф", "xn--h1akbbi.xn--p1ai")]
    [InlineData("https://www.Орион.РФ/", "xn--h1akbbi.xn--p1ai")]
    [InlineData("xn--h1akbbi.xn--p1ai", "xn--h1akbbi.xn--p1ai")]
    public void WebsiteNormalizer_Normalize_StripsSchemeWwwPathDotAndCaseAndWritesIdnAsPunycode(string website, string expected) =>
        Assert.Equal(expected, WebsiteNormalizer.Normalize(website));

    [Theory]
    [InlineData("orion-tech.ru")]
    [InlineData("https://орион.рф/")]
    [InlineData("xn--h1akbbi.xn--p1ai")]
    [InlineData("sub.domain.company.io")]
    public void WebsiteNormalizer_WellFormed_IsAccepted(string website) => Assert.True(WebsiteNormalizer.IsWellFormed(website));

    [Theory]
    [InlineData("http//orion-tech.ru")]
    [InlineData("orion tech.ru")]
    [InlineData("www,orion-tech.ru")]
    [InlineData("oriontech")]
    [InlineData("-orion.ru")]
    [InlineData("orion.r")]
    [InlineData("orion.123")]
    [InlineData("")]
    public void WebsiteNormalizer_Malformed_IsRejected(string website) => Assert.False(WebsiteNormalizer.IsWellFormed(website));

    [Theory]
    [InlineData("ivan.petrov@orion-tech.ru", true)]
    [InlineData("ivan+crm@орион.рф", true)]
    [InlineData("ivan.petrov@orion-tech", false)]
    [InlineData("ivan.petrovorion-tech.ru", false)]
    [InlineData("ivan petrov@orion-tech.ru", false)]
    [InlineData("ivan.petrov@@orion-tech.ru", false)]
    [InlineData(".ivan@orion-tech.ru", false)]
    [InlineData("ivan..p@orion-tech.ru", false)]
    public void EmailValidator_Cases(string email, bool valid) => Assert.Equal(valid, EmailValidator.IsValid(email));

    [Theory]
    [InlineData("+7 (912) 345-67-89")]
    [InlineData("+7 912 345-67-89")]
    [InlineData("+79123456789")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+1 (202) 555-0143")]
    public void PhoneNormalizer_International_IsOk(string phone) => Assert.Equal(PhoneVerdictKind.Ok, new PhoneNormalizer("RU", requireValid: false).Check(phone).Kind);

    [Theory]
    [InlineData("+7 912 34-56")]
    [InlineData("12")]
    [InlineData("phone")]
    [InlineData("+")]
    public void PhoneNormalizer_ImpossibleNumber_IsInvalid(string phone) => Assert.Equal(PhoneVerdictKind.Invalid, new PhoneNormalizer("RU", requireValid: false).Check(phone).Kind);

    [Fact]
    public void PhoneNormalizer_NationalFormat_IsReadInTheConfiguredRegion()
    {
        var russia = new PhoneNormalizer("RU", requireValid: false);
        var usa = new PhoneNormalizer("US", requireValid: false);

        Assert.Equal(new PhoneVerdict(PhoneVerdictKind.NationalFormat, "+79123456789"), russia.Check("8 (912) 345-67-89"));
        Assert.Equal(new PhoneVerdict(PhoneVerdictKind.NationalFormat, "+12025550143"), usa.Check("(202) 555-0143"));
        Assert.Equal(PhoneVerdictKind.Invalid, usa.Check("8 (912) 345-67-89").Kind);
    }

    [Fact]
    public void PhoneNormalizer_NationalWithExtension_HasNoUnambiguousFix()
    {
        var verdict = new PhoneNormalizer("RU", requireValid: false).Check("9123456789 доб. 12");

        Assert.Equal(PhoneVerdictKind.NationalFormat, verdict.Kind);
        Assert.Null(verdict.E164);
    }

    [Fact]
    public void PhoneNormalizer_RequireValid_RejectsUnassignedRanges()
    {
        Assert.Equal(PhoneVerdictKind.Ok, new PhoneNormalizer("RU", requireValid: false).Check("+7 (123) 456-78-90").Kind);
        Assert.Equal(PhoneVerdictKind.Invalid, new PhoneNormalizer("RU", requireValid: true).Check("+7 (123) 456-78-90").Kind);
    }

    [Fact]
    public void PhoneNormalizer_Regions_AreThoseLibphonenumberKnows()
    {
        Assert.True(PhoneNormalizer.IsSupportedRegion("ru"));
        Assert.True(PhoneNormalizer.IsSupportedRegion("KZ"));
        Assert.False(PhoneNormalizer.IsSupportedRegion("XX"));
    }

    [Theory]
    [InlineData("orion-tech.ru - Орион Тех")]
    [InlineData("https://www.orion-tech.ru/ - Орион Тех")]
    [InlineData("  ORION-TECH.RU - Орион Тех ")]
    public void NamingTemplate_WebsiteInAnyForm_Matches(string name)
    {
        var template = Template(NamingTemplate.Default);
        Assert.True(template.Matches(name, "orion-tech.ru", WebsiteNormalizer.Normalize("orion-tech.ru"), "Орион Тех"));
    }

    [Fact]
    public void NamingTemplate_IdnWebsite_MatchesInUnicodeAndPunycode()
    {
        var template = Template(NamingTemplate.Default);
        var normalized = WebsiteNormalizer.Normalize("орион.рф");

        Assert.True(template.Matches("орион.рф - Орион", "орион.рф", normalized, "Орион"));
        Assert.True(template.Matches("xn--h1akbbi.xn--p1ai - Орион", "орион.рф", normalized, "Орион"));
        Assert.True(template.Matches("орион.рф - Орион", "xn--h1akbbi.xn--p1ai", normalized, "Орион"));
        Assert.Equal("орион.рф - Орион", template.Render(normalized, " Орион "));
    }

    [Theory]
    [InlineData("Орион Тех")]
    [InlineData("Орион Тех - orion-tech.ru")]
    [InlineData("Сделка Орион Тех")]
    [InlineData("orion-tech.ru-Орион Тех")]
    [InlineData("vector-soft.ru - Орион Тех")]
    [InlineData(" - Орион Тех")]
    public void NamingTemplate_OffConvention_DoesNotMatch(string name)
    {
        var template = Template(NamingTemplate.Default);
        Assert.False(template.Matches(name, "orion-tech.ru", "orion-tech.ru", "Орион Тех"));
    }

    [Fact]
    public void NamingTemplate_CustomOrder_MatchesAndRenders()
    {
        var template = Template("[{company name}] {company website}");

        Assert.True(template.Matches("[Орион] orion.ru", "https://orion.ru", "orion.ru", "Орион"));
        Assert.False(template.Matches("orion.ru - Орион", "orion.ru", "orion.ru", "Орион"));
        Assert.Equal("[Орион] orion.ru", template.Render("orion.ru", "Орион"));
    }

    [Theory]
    [InlineData("{company name}")]
    [InlineData("{company website}{company name}")]
    [InlineData("{company website} - {company name} {company name}")]
    [InlineData("")]
    public void NamingTemplate_WithoutBothPlaceholdersApart_IsRejected(string template) => Assert.False(NamingTemplate.TryParse(template, out _, out _));

    [Theory]
    [InlineData("2024-01-05", ValueShapes.DateIso)]
    [InlineData("05.01.2024", ValueShapes.DateDots)]
    [InlineData("05/01/2024", ValueShapes.DateSlashes)]
    [InlineData("2024-01-05T10:00:00Z", ValueShapes.DateTimeIso)]
    [InlineData("1200", ValueShapes.Integer)]
    [InlineData("12.5", ValueShapes.DecimalDot)]
    [InlineData("12,5", ValueShapes.DecimalComma)]
    [InlineData("1 200 000", ValueShapes.NumberWithSpaces)]
    [InlineData("да", ValueShapes.Boolean)]
    [InlineData("ivan@orion.ru", ValueShapes.Email)]
    [InlineData("https://orion.ru", ValueShapes.Url)]
    [InlineData("+7 912 345-67-89", ValueShapes.Phone)]
    [InlineData("referral 🚀", ValueShapes.Text)]
    public void ValueShapes_Classify_NamesTheShape(string value, string shape) => Assert.Equal(shape, ValueShapes.Classify(value));

    [Fact]
    public void ValueShapes_Blank_HasNoShape() => Assert.Null(ValueShapes.Classify("   "));

    [Fact]
    public void FieldValueCheck_Dates_IsoIsFineDottedIsFixableSlashedIsNot()
    {
        Assert.Equal((null, null), FieldValueCheck.CheckDate("2024-01-05"));
        Assert.Equal((null, null), FieldValueCheck.CheckDate("2024-01-05T10:00:00+03:00"));
        Assert.Equal((HygieneChecks.NotIsoDate, "2024-01-05"), FieldValueCheck.CheckDate("05.01.2024"));
        Assert.Equal((HygieneChecks.NotIsoDate, null), FieldValueCheck.CheckDate("05/01/2024"));
        Assert.Equal((HygieneChecks.NotADate, null), FieldValueCheck.CheckDate("soon"));
        Assert.Equal((HygieneChecks.NotADate, null), FieldValueCheck.CheckDate("31.02.2024"));
    }

    [Theory]
    [InlineData("1200", true)]
    [InlineData("-12.5", true)]
    [InlineData("1 200 000,50", true)]
    [InlineData("12,5,1", false)]
    [InlineData("twelve", false)]
    [InlineData("12.", false)]
    public void FieldValueCheck_IsNumber_Cases(string value, bool number) => Assert.Equal(number, FieldValueCheck.IsNumber(value));

    private static NamingTemplate Template(string template)
    {
        Assert.True(NamingTemplate.TryParse(template, out var compiled, out var error), error);
        return compiled!;
    }
}
