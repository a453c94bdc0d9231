using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Dataset;

internal static class SandboxNames
{
    public static readonly (string Display, string Latin, string Idn)[] CompanyRoots =
    [
        ("Орион", "orion", "орион"), ("Вектор", "vector", "вектор"), ("Альфа", "alfa", "альфа"),
        ("Север", "sever", "север"), ("Меридиан", "meridian", "меридиан"), ("Гранит", "granit", "гранит"),
        ("Сигма", "sigma", "сигма"), ("Радуга", "raduga", "радуга"), ("Атлант", "atlant", "атлант"),
        ("Восток", "vostok", "восток"), ("Полюс", "polus", "полюс"), ("Феникс", "feniks", "феникс"),
        ("Континент", "kontinent", "континент"), ("Легион", "legion", "легион"), ("Импульс", "impuls", "импульс"),
        ("Стрела", "strela", "стрела"), ("Титан", "titan", "титан"), ("Кристалл", "kristall", "кристалл"),
        ("Горизонт", "gorizont", "горизонт"), ("Байкал", "baikal", "байкал"),
    ];

    public static readonly (string Display, string Latin)[] CompanySuffixes =
    [
        ("Тех", "tech"), ("Логистик", "logistic"), ("Строй", "stroy"), ("Софт", "soft"), ("Трейд", "trade"),
        ("Групп", "group"), ("Энерго", "energo"), ("Мед", "med"), ("Агро", "agro"), ("Пром", "prom"),
    ];

    public static readonly string[] TopLevelDomains = ["ru", "ru", "ru", "com", "io", "tech"];

    public static readonly string[] Industries =
        ["Software", "Logistics", "Manufacturing", "Retail", "Finance", "Construction", "Healthcare", "Energy", "Telecom", "Education"];

    public static readonly string[] InnRegions = ["77", "78", "50", "54", "66", "16", "52", "23", "63", "74"];

    public static readonly (string Display, string Latin, bool Female)[] FirstNames =
    [
        ("Иван", "ivan", false), ("Анна", "anna", true), ("Сергей", "sergey", false), ("Мария", "maria", true),
        ("Алексей", "aleksey", false), ("Ольга", "olga", true), ("Дмитрий", "dmitry", false), ("Елена", "elena", true),
        ("Павел", "pavel", false), ("Наталья", "natalia", true), ("Андрей", "andrey", false), ("Татьяна", "tatiana", true),
        ("Михаил", "mikhail", false), ("Ирина", "irina", true), ("Николай", "nikolay", false), ("Светлана", "svetlana", true),
    ];

    public static readonly (string Male, string Female, string Latin)[] LastNames =
    [
        ("Петров", "Петрова", "petrov"), ("Иванов", "Иванова", "ivanov"), ("Смирнов", "Смирнова", "smirnov"),
        ("Кузнецов", "Кузнецова", "kuznetsov"), ("Попов", "Попова", "popov"), ("Соколов", "Соколова", "sokolov"),
        ("Лебедев", "Лебедева", "lebedev"), ("Козлов", "Козлова", "kozlov"), ("Новиков", "Новикова", "novikov"),
        ("Морозов", "Морозова", "morozov"), ("Волков", "Волкова", "volkov"), ("Орлов", "Орлова", "orlov"),
    ];

    public static readonly (string Position, ContactRole Role)[] Positions =
    [
        ("Генеральный директор", ContactRole.DecisionMaker),
        ("Финансовый директор", ContactRole.DecisionMaker),
        ("Коммерческий директор", ContactRole.DecisionMaker),
        ("ИТ-директор", ContactRole.Influencer),
        ("Менеджер по закупкам", ContactRole.Influencer),
        ("Главный инженер", ContactRole.Influencer),
        ("Руководитель отдела продаж", ContactRole.Champion),
        ("Руководитель проекта", ContactRole.Champion),
    ];

    public static readonly string[] FreeMailDomains = ["mail.ru", "yandex.ru", "gmail.com"];

    public static readonly (string First, string Last, string Email, bool IsManager, int Manager)[] Owners =
    [
        ("Анна", "Лебедева", "anna.lebedeva@sales.example.ru", true, 0),
        ("Игорь", "Соколов", "igor.sokolov@sales.example.ru", true, 1),
        ("Мария", "Орлова", "maria.orlova@sales.example.ru", false, 0),
        ("Дмитрий", "Волков", "dmitry.volkov@sales.example.ru", false, 0),
        ("Павел", "Новиков", "pavel.novikov@sales.example.ru", false, 1),
        ("Елена", "Козлова", "elena.kozlova@sales.example.ru", false, 1),
    ];

    public static readonly string[] NamelessDealNames =
        ["Входящая заявка с сайта", "Запрос на демо", "Звонок с выставки", "Заявка партнёра", "Письмо без подписи"];
}
