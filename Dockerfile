# Build and run the CrmBridge worker (`crmbridge run`). See docker-compose.yml for PostgreSQL beside it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CrmBridge.Worker/CrmBridge.Worker.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV CrmBridge__Dashboard__Host=0.0.0.0
EXPOSE 5080
ENTRYPOINT ["dotnet", "crmbridge.dll"]
CMD ["run"]
